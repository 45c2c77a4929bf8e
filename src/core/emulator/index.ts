export * from './runtimeApiServer';
export * from './extensions';
export * from './httpBridge';
export * from './httpUtil';
