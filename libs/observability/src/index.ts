export * from './database-pool-metrics';
export * from './http-metrics';
export * from './metrics-server';
export * from './observability.module';
export * from './portal-metrics';
