import { LaunchError } from './launch-error';
import { readLauncherSettings } from './settings';

const ROOT = '/repo';

describe('readLauncherSettings', () => {
  it('defaults to auto mode, development, .data under the repository and the standard ports', () => {
    expect(readLauncherSettings({}, ROOT)).toEqual({
      backends: 'auto',
      nodeEnv: 'development',
      isProduction: false,
      databaseUrl: undefined,
      redisUrl: undefined,
      smtpUrl: undefined,
      dataDir: '/repo/.data',
      embeddedPostgresPort: 54329,
      mailCatcherPort: 1025,
      port: 3000,
      host: undefined,
      publicUrl: undefined,
      logPretty: undefined,
    });
  });

  it('reads the backends mode case-insensitively', () => {
    expect(readLauncherSettings({ PORTAL_BACKENDS: 'Embedded' }, ROOT).backends).toBe('embedded');
    expect(readLauncherSettings({ PORTAL_BACKENDS: 'server' }, ROOT).backends).toBe('server');
  });

  it('treats empty DATABASE_URL and SMTP_URL as unset', () => {
    const settings = readLauncherSettings({ DATABASE_URL: ' ', SMTP_URL: '' }, ROOT);
    expect(settings.databaseUrl).toBeUndefined();
    expect(settings.smtpUrl).toBeUndefined();
  });

  it('keeps an empty REDIS_URL apart from an unset one ("no Redis" versus "look for one")', () => {
    expect(readLauncherSettings({ REDIS_URL: '' }, ROOT).redisUrl).toBe('');
    expect(readLauncherSettings({}, ROOT).redisUrl).toBeUndefined();
  });

  it('resolves a relative PORTAL_DATA_DIR against the repository and keeps an absolute one', () => {
    expect(readLauncherSettings({ PORTAL_DATA_DIR: 'tmp/data' }, ROOT).dataDir).toBe('/repo/tmp/data');
    expect(readLauncherSettings({ PORTAL_DATA_DIR: '/var/tmp/portal' }, ROOT).dataDir).toBe('/var/tmp/portal');
  });

  it('flags production', () => {
    expect(readLauncherSettings({ NODE_ENV: 'production' }, ROOT).isProduction).toBe(true);
  });

  it('names every bad variable in one error', () => {
    const read = () => readLauncherSettings({ PORTAL_BACKENDS: 'cloud', EMBEDDED_PG_PORT: 'abc', PORT: '70000' }, ROOT);
    expect(read).toThrow(LaunchError);
    expect(read).toThrow(/PORTAL_BACKENDS="cloud"[\s\S]*EMBEDDED_PG_PORT="abc"[\s\S]*PORT="70000"/);
  });
});
