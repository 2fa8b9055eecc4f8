export * from './live-event';
export * from './live.module';
export * from './stream-hub.service';
export * from './stream-scope';
