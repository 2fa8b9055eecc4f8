export * from './backends';
export * from './bullmq-schema';
export * from './infra.module';
export * from './queue-backend';
export * from './rate-limit.store';
export * from './redis.provider';
