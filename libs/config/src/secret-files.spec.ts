import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from './app-config';

describe('validateConfig: secrets from files (<NAME>_FILE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-secrets-'));
  const file = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads JWT_SECRET_FILE, REDIS_URL_FILE and DATABASE_PASSWORD_FILE, dropping the trailing newline', () => {
    const config = validateConfig({
      NODE_ENV: 'production',
      JWT_SECRET_FILE: file('jwt', `${'s'.repeat(40)}\n`),
      REDIS_URL_FILE: file('redis', 'redis://:pw@redis:6379\n'),
      DATABASE_URL: 'postgres://portal_app@postgres:5432/portal',
      DATABASE_PASSWORD_FILE: file('db', 'p@ss:w/rd\n'),
      SEAL_PRIVATE_KEY_FILE: file('seal', `${Buffer.alloc(32, 7).toString('base64')}\n`),
    });
    expect(config.JWT_SECRET).toBe('s'.repeat(40));
    expect(config.REDIS_URL).toBe('redis://:pw@redis:6379');
    // The password goes into the URL, encoded.
    expect(new URL(config.DATABASE_URL).username).toBe('portal_app');
    expect(decodeURIComponent(new URL(config.DATABASE_URL).password)).toBe('p@ss:w/rd');
  });

  it('refuses a variable set both ways, and an unreadable file, naming them without showing secrets', () => {
    expect(() => validateConfig({ JWT_SECRET: 'x'.repeat(40), JWT_SECRET_FILE: file('jwt2', 'y'.repeat(40)) })).toThrow(
      /JWT_SECRET_FILE: JWT_SECRET is set too/,
    );
    expect(() => validateConfig({ JWT_SECRET_FILE: join(dir, 'missing') })).toThrow(/JWT_SECRET_FILE=".*missing": cannot read the file \(ENOENT\)/);
    let message = '';
    try {
      validateConfig({ JWT_SECRET_FILE: file('short', 'too-short-secret') });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('JWT_SECRET=(hidden)');
    expect(message).not.toContain('too-short-secret');
  });

  it('ignores _FILE variables that name no setting', () => {
    expect(() => validateConfig({ SOMETHING_ELSE_FILE: join(dir, 'missing') })).not.toThrow();
  });

  it('validates METRICS_TOKEN (16+ characters) and METRICS_PORT', () => {
    expect(() => validateConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN=\(hidden\)/);
    expect(validateConfig({ METRICS_PORT: '9464', METRICS_TOKEN: 't'.repeat(16) })).toMatchObject({ METRICS_PORT: 9464 });
    expect(validateConfig({})).toMatchObject({ METRICS_PORT: 0, METRICS_TOKEN: undefined });
  });
});
