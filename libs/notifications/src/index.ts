export * from './email-message.entity';
export * from './email-templates';
export * from './email.service';
export * from './mailer.service';
export * from './notifications.module';
export * from './notification.entity';
export * from './notifications.service';
