import { choosePostgres, LOCAL_POSTGRES_URL } from './choose-postgres';
import { LaunchError } from './launch-error';
import type { ProbeResult } from './probes';

const answers = (): Promise<ProbeResult> => Promise.resolve({ ok: true });
const silent = (): Promise<ProbeResult> => Promise.resolve({ ok: false, reason: 'nothing listens on 127.0.0.1:5432' });
const mustNotProbe = (): Promise<ProbeResult> => {
  throw new Error('the local server must not be probed');
};

describe('choosePostgres', () => {
  describe('auto', () => {
    it('uses DATABASE_URL when set, without probing', async () => {
      const choice = await choosePostgres({ backends: 'auto', databaseUrl: 'postgres://db/app' }, mustNotProbe);
      expect(choice).toEqual({ kind: 'configured', url: 'postgres://db/app', reason: 'DATABASE_URL is set' });
    });

    it('uses the local server when it answers, on the portal database', async () => {
      const choice = await choosePostgres({ backends: 'auto' }, answers);
      expect(choice).toMatchObject({ kind: 'local-server', url: LOCAL_POSTGRES_URL });
      expect(LOCAL_POSTGRES_URL).toBe('postgres://postgres@127.0.0.1:5432/portal');
    });

    it('falls back to embedded PostgreSQL and says why', async () => {
      const choice = await choosePostgres({ backends: 'auto' }, silent);
      expect(choice).toEqual({
        kind: 'embedded',
        reason: 'DATABASE_URL is not set and nothing listens on 127.0.0.1:5432',
      });
    });
  });

  describe('embedded', () => {
    it('is embedded even when a server answers, without probing', async () => {
      expect(await choosePostgres({ backends: 'embedded' }, mustNotProbe)).toEqual({
        kind: 'embedded',
        reason: 'PORTAL_BACKENDS=embedded',
      });
    });

    it('says that DATABASE_URL is ignored', async () => {
      const choice = await choosePostgres({ backends: 'embedded', databaseUrl: 'postgres://db/app' }, mustNotProbe);
      expect(choice).toEqual({ kind: 'embedded', reason: 'PORTAL_BACKENDS=embedded (DATABASE_URL is ignored)' });
    });
  });

  describe('server', () => {
    it('uses DATABASE_URL', async () => {
      const choice = await choosePostgres({ backends: 'server', databaseUrl: 'postgres://db/app' }, mustNotProbe);
      expect(choice.kind).toBe('configured');
    });

    it('uses the local server when it answers', async () => {
      expect((await choosePostgres({ backends: 'server' }, answers)).kind).toBe('local-server');
    });

    it('refuses to fall back to embedded PostgreSQL', async () => {
      const choice = choosePostgres({ backends: 'server' }, silent);
      await expect(choice).rejects.toThrow(LaunchError);
      await expect(choosePostgres({ backends: 'server' }, silent)).rejects.toThrow(/nothing listens on 127.0.0.1:5432/);
    });
  });
});
