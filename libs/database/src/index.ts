export * from './advisory-locks';
export * from './data-source-options';
export * from './database.module';
export * from './outbox-message.entity';
export * from './snake-naming.strategy';
