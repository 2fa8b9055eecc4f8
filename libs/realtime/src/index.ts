export * from './realtime-bus';
export * from './realtime-message';
export * from './realtime-publisher';
export * from './realtime.module';
