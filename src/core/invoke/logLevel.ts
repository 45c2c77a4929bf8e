// INV-6: the function logger (context.getLogger() in the Node.js and Python shims, and the
// platform's SDKs) writes `<UTC time> <request ID> <LEVEL> <message>`. The level of such a line is
// the logger's, not its stream's; the request ID must be the outstanding one, so a user's print that
// merely looks similar keeps the stream's level.
import type { LogLine } from './types';

const LOGGER_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z (\S+) (DEBUG|INFO|WARN|WARNING|ERROR|CRITICAL|FATAL) /;
const LEVELS: Record<string, LogLine['level']> = { DEBUG: 'debug', INFO: 'info', WARN: 'warn', WARNING: 'warn', ERROR: 'error', CRITICAL: 'error', FATAL: 'error' };

/** The logger's level for a line it wrote during `requestId`; undefined for any other line. */
export function loggerLevel(text: string, requestId: string | undefined): LogLine['level'] | undefined {
  if (!requestId) return undefined;
  const m = LOGGER_LINE.exec(text);
  return m && m[1] === requestId ? LEVELS[m[2]] : undefined;
}
