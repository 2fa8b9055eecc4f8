import { buildChildEnv } from './child-env';

const settings = { nodeEnv: 'development', isProduction: false, port: 3100 };
const backends = { databaseUrl: 'postgres://postgres:pw@127.0.0.1:54329/portal', redisUrl: '', smtpUrl: 'smtp://127.0.0.1:1025' };

describe('buildChildEnv', () => {
  it('passes the decisions to the apps and keeps the rest of the environment', () => {
    const env = buildChildEnv({ JWT_SECRET: 'x'.repeat(40), REDIS_URL: 'redis://ignored' }, settings, backends, { tty: false });
    expect(env).toMatchObject({
      JWT_SECRET: 'x'.repeat(40),
      NODE_ENV: 'development',
      PORT: '3100',
      DATABASE_URL: backends.databaseUrl,
      REDIS_URL: '',
      SMTP_URL: 'smtp://127.0.0.1:1025',
    });
  });

  it('points email links at this instance unless PUBLIC_URL is set', () => {
    expect(buildChildEnv({}, settings, backends, { tty: false }).PUBLIC_URL).toBe('http://localhost:3100');
    expect(buildChildEnv({}, { ...settings, publicUrl: 'https://portail.example.nc' }, backends, { tty: false }).PUBLIC_URL).toBe(
      'https://portail.example.nc',
    );
  });

  it('pretty-prints logs only for a developer at a terminal, unless LOG_PRETTY says otherwise', () => {
    expect(buildChildEnv({}, settings, backends, { tty: true }).LOG_PRETTY).toBe('true');
    expect(buildChildEnv({}, settings, backends, { tty: false }).LOG_PRETTY).toBe('false');
    expect(buildChildEnv({}, { ...settings, isProduction: true }, backends, { tty: true }).LOG_PRETTY).toBe('false');
    expect(buildChildEnv({}, { ...settings, logPretty: 'false' }, backends, { tty: true }).LOG_PRETTY).toBe('false');
  });
});
