import { validateConfig } from './app-config';

describe('validateConfig', () => {
  it('applies defaults and converts types', () => {
    const config = validateConfig({ PORT: '8080', TRUST_PROXY: 'true', REDIS_URL: '' });
    expect(config).toMatchObject({ PORT: 8080, TRUST_PROXY: true, NODE_ENV: 'development', REDIS_URL: undefined });
  });

  it('names every wrong variable in one message', () => {
    expect(() => validateConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      /PORT="eighty".*\n.*DATABASE_URL="mysql:\/\/x".*\n.*LOG_LEVEL="loud"/s,
    );
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => validateConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => validateConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).not.toThrow();
  });

  it('requires the staff second factor in production, and defaults it on everywhere', () => {
    const secret = 'x'.repeat(40);
    expect(validateConfig({}).STAFF_MFA_REQUIRED).toBe(true);
    expect(validateConfig({ STAFF_MFA_REQUIRED: 'false' }).STAFF_MFA_REQUIRED).toBe(false);
    expect(() => validateConfig({ NODE_ENV: 'production', JWT_SECRET: secret, STAFF_MFA_REQUIRED: 'false' })).toThrow(/STAFF_MFA_REQUIRED/);
    expect(() => validateConfig({ MFA_ENCRYPTION_KEY: 'trop-court' })).toThrow(/MFA_ENCRYPTION_KEY/);
    expect(validateConfig({ MFA_ENCRYPTION_KEY: '' }).MFA_ENCRYPTION_KEY).toBeUndefined();
  });

  it('validates the device-cookie settings: an own secret of 32+ characters, or none (derived from JWT_SECRET)', () => {
    expect(validateConfig({ LOGIN_DEVICE_SECRET: '' })).toMatchObject({ LOGIN_DEVICE_SECRET: undefined, LOGIN_MAX_FAILURES_PER_DEVICE: 10, LOGIN_DEVICE_COOKIE_DAYS: 365 });
    expect(() => validateConfig({ LOGIN_DEVICE_SECRET: 'court' })).toThrow(/LOGIN_DEVICE_SECRET/);
    expect(() => validateConfig({ LOGIN_MAX_FAILURES_PER_DEVICE: '0', LOGIN_DEVICE_COOKIE_DAYS: '1000' })).toThrow(/LOGIN_MAX_FAILURES_PER_DEVICE.*\n.*LOGIN_DEVICE_COOKIE_DAYS/s);
  });
});
