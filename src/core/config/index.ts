export * from './functionSpec';
export * from './runtimes';
export * from './loadFunction';
export * from './findFunctions';
export * from './platformPaths';
export * from './eventFiles';
export * from './specForRuntime';
