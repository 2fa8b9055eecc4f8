export * from './jobs';
export * from './outbox.service';
export * from './queue.module';
export * from './job-handler.decorator';
