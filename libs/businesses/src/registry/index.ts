export * from './business-registry';
export * from './fixture-business-registry';
export * from './http-business-registry';
export * from './registry.provider';
