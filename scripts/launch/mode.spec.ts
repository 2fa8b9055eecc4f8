import type { PostgresChoice } from './choose-postgres';
import { describeChoices, summarizeMode } from './mode';

const embedded: PostgresChoice = { kind: 'embedded', reason: 'PORTAL_BACKENDS=embedded' };
const server: PostgresChoice = { kind: 'local-server', url: 'postgres://postgres@127.0.0.1:5432/portal', reason: 'answers' };
const noRedis = { url: '', reason: 'PORTAL_BACKENDS=embedded' };
const redis = { url: 'redis://:secret@127.0.0.1:6379', reason: 'REDIS_URL is set' };

describe('summarizeMode', () => {
  it.each([
    [embedded, noRedis, 'embedded'],
    [server, redis, 'server'],
    [server, noRedis, 'mixed'],
    [embedded, redis, 'mixed'],
  ] as const)('%#', (postgres, cache, mode) => {
    expect(summarizeMode(postgres, cache)).toBe(mode);
  });
});

describe('describeChoices', () => {
  it('gives the mode, then each backend with its reason, without passwords', () => {
    const lines = describeChoices(server, redis, 'smtp://relay:25 (SMTP_URL is set)');
    expect(lines[0]).toBe('mode: server');
    expect(lines.join('\n')).toContain('local server postgres://postgres@127.0.0.1:5432/portal (answers)');
    expect(lines.join('\n')).toContain('redis://:***@127.0.0.1:6379');
    expect(lines.join('\n')).not.toContain('secret');
  });

  it('explains what running without Redis means', () => {
    expect(describeChoices(embedded, noRedis, 'catcher')[2]).toContain('queue on PostgreSQL, rate limits in memory');
  });
});
