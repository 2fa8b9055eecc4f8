export * from './business-registry';
export * from './fixture-business-registry';
