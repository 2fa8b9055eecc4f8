import { chooseRedis, LOCAL_REDIS_URL } from './choose-redis';
import { LaunchError } from './launch-error';
import type { ProbeResult } from './probes';

const answers = (): Promise<ProbeResult> => Promise.resolve({ ok: true });
const silent = (): Promise<ProbeResult> => Promise.resolve({ ok: false, reason: 'nothing listens on 127.0.0.1:6379' });
const mustNotProbe = (): Promise<ProbeResult> => {
  throw new Error('the local Redis must not be probed');
};

describe('chooseRedis', () => {
  describe('auto', () => {
    it('uses REDIS_URL when set, without probing', async () => {
      expect(await chooseRedis({ backends: 'auto', redisUrl: 'redis://cache:6379' }, mustNotProbe)).toEqual({
        url: 'redis://cache:6379',
        reason: 'REDIS_URL is set',
      });
    });

    it('respects an empty REDIS_URL as "no Redis", without probing', async () => {
      expect(await chooseRedis({ backends: 'auto', redisUrl: '' }, mustNotProbe)).toEqual({
        url: '',
        reason: 'REDIS_URL is set to an empty string',
      });
    });

    it('uses the local Redis when it answers PING', async () => {
      expect((await chooseRedis({ backends: 'auto' }, answers)).url).toBe(LOCAL_REDIS_URL);
      expect(LOCAL_REDIS_URL).toBe('redis://127.0.0.1:6379');
    });

    it('runs without Redis otherwise, and says why', async () => {
      expect(await chooseRedis({ backends: 'auto' }, silent)).toEqual({
        url: '',
        reason: 'REDIS_URL is not set and nothing listens on 127.0.0.1:6379',
      });
    });
  });

  describe('embedded', () => {
    it('never uses Redis, even a configured one', async () => {
      expect(await chooseRedis({ backends: 'embedded', redisUrl: 'redis://cache:6379' }, mustNotProbe)).toEqual({
        url: '',
        reason: 'PORTAL_BACKENDS=embedded (REDIS_URL is ignored)',
      });
      expect((await chooseRedis({ backends: 'embedded' }, mustNotProbe)).url).toBe('');
    });
  });

  describe('server', () => {
    it('uses REDIS_URL or the local Redis', async () => {
      expect((await chooseRedis({ backends: 'server', redisUrl: 'redis://cache:6379' }, mustNotProbe)).url).toBe(
        'redis://cache:6379',
      );
      expect((await chooseRedis({ backends: 'server' }, answers)).url).toBe(LOCAL_REDIS_URL);
    });

    it('fails when no Redis answers', async () => {
      await expect(chooseRedis({ backends: 'server' }, silent)).rejects.toThrow(LaunchError);
    });

    it('fails when REDIS_URL is explicitly empty', async () => {
      await expect(chooseRedis({ backends: 'server', redisUrl: '' }, mustNotProbe)).rejects.toThrow(/REDIS_URL is set to an empty string/);
    });
  });
});
