export * from './functionSpec';
export * from './runtimes';
export * from './loadFunction';
export * from './findFunctions';
export * from './platformPaths';
export * from './functionKey';
export * from './selectFunction';
export * from './checkConfig';
