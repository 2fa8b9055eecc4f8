export * from './jobs';
export * from './outbox.service';
export * from './queue.module';
export * from './job-handler.decorator';
export * from './dead-letter.entity';
export * from './dead-letters.service';
