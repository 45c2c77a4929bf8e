export * from './processGroup';
export * from './procfs';
export * from './memorySampler';
export { runCapture, loadExeca } from './execa';
export { watchdogList, watchdogPid, watchdogStarted } from './watchdog';
export { which } from './which';
export { freePort } from './ports';
