// Exit codes shared by every subcommand (issue: 0 all good, 1 a function or check failed, 2 usage/setup).
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A subcommand takes its arguments (after the command name) and resolves with the exit code. */
export type Subcommand = (args: string[]) => Promise<number>;

/** A usage or setup error: printed without a stack, exit code 2. */
export class UsageError extends Error {}

/** Colours and progress only on a terminal (and never when NO_COLOR is set). */
export function useColour(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}
