export * from './live-event';
export * from './stream-scope';
