export * from './request-messages.service';
