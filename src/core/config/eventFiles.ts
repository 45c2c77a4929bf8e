// Which files in a function's `events/` folder are test events. The one place that knows an
// expectation (`events/<name>.expected.json`) sits beside its event but is never one itself: the
// tree, the F5 pickers, `--event` patterns, the launch defaults and `fgtk test` all ask here.
import * as path from 'node:path';

export const EVENTS_DIR = 'events';
export const EXPECTATION_SUFFIX = '.expected.json';

/** True for the file name of an expectation (`apig.expected.json`). */
export function isExpectationFile(file: string): boolean {
  return path.basename(file).toLowerCase().endsWith(EXPECTATION_SUFFIX);
}

/** True for the file name of a test event: `*.json`, but not an expectation. */
export function isTestEventFile(file: string): boolean {
  const name = path.basename(file).toLowerCase();
  return name.endsWith('.json') && !name.endsWith(EXPECTATION_SUFFIX);
}

/** `events/apig.json` → `events/apig.expected.json`. */
export function expectationFileFor(eventFile: string): string {
  return eventFile.replace(/\.json$/i, '') + EXPECTATION_SUFFIX;
}

/** `events/apig.expected.json` → `events/apig.json`. */
export function eventFileFor(expectationFile: string): string {
  return expectationFile.slice(0, -EXPECTATION_SUFFIX.length) + '.json';
}

/** The test's name: the event file's base name (`apig`). */
export function eventName(eventFile: string): string {
  return path.basename(eventFile).replace(/\.json$/i, '');
}
