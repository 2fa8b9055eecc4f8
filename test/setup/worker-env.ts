// Quiet, test-sized settings for every e2e file; each test app overrides DATABASE_URL and QUEUE_PREFIX.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.REDIS_URL ??= process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
process.env.OUTBOX_POLL_MS ??= '50';
