// Ahead of pre-flight, F5, `fgtk invoke`, the Invoke command and the test runner run the function's
// prepare step (LaunchModule.prepare: Go 1.x builds its handler when a source changed), so that a
// build failure is reported as one and nothing is invoked. The supervisor runs the same step again
// before every cold start, which then finds the outputs up to date unless the code changed.
import type { FunctionSpec } from '../config';
import { prepareStep } from './launch';

export interface PrepareRequest {
  /** Build for a debugger (symbols kept, optimisations off). */
  debug: boolean;
  /** Each line of the build's output, and our line saying what ran. */
  onLine: (text: string) => void;
  signal?: AbortSignal;
}

export type PrepareResult = { ok: true; note?: string } | { ok: false; message: string };

export async function prepareFunction(spec: FunctionSpec, req: PrepareRequest): Promise<PrepareResult> {
  const step = await prepareStep(spec, req.debug);
  if (!step) return { ok: true };
  const r = await step.run(req.onLine, req.signal);
  return r.error !== undefined ? { ok: false, message: r.error } : { ok: true, note: r.note };
}
