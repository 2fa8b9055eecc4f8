import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from './app-config';
import { keyThumbprint, parseSealKeys } from './seal-keys';

const SEED = Buffer.alloc(32, 1).toString('base64');

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
    expect(() => validateConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SEAL_PRIVATE_KEY: SEED })).not.toThrow();
  });

  it('requires a seal key in production, and reads every accepted form of it', () => {
    expect(() => validateConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/SEAL_PRIVATE_KEY: required in production/);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    for (const form of [pem, der]) {
      const keys = parseSealKeys({ SEAL_PRIVATE_KEY: form, SEAL_KEY_ID: '', SEAL_PREVIOUS_PUBLIC_KEYS: '' });
      expect(keys.current.publicKey.equals(publicKey)).toBe(true);
      expect(keys.current.kid).toBe(keyThumbprint(publicKey));
    }
    expect(() => validateConfig({ SEAL_PRIVATE_KEY: 'pas une clé' })).toThrow(/SEAL_PRIVATE_KEY: not a readable private key/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => validateConfig({ SEAL_PRIVATE_KEY: rsa })).toThrow(/Ed25519/);
  });

  it('keeps previous public keys by key id, and refuses malformed ones', () => {
    const old = generateKeyPairSync('ed25519').publicKey;
    const raw = Buffer.from(old.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
    const spki = old.export({ format: 'der', type: 'spki' }).toString('base64');
    const keys = parseSealKeys({ SEAL_PRIVATE_KEY: SEED, SEAL_KEY_ID: '2027', SEAL_PREVIOUS_PUBLIC_KEYS: `2025:${raw}, 2026:${spki}` });
    expect([...keys.publicKeys.keys()]).toEqual(['2027', '2025', '2026']);
    expect(keys.publicKeys.get('2025')!.equals(old)).toBe(true);
    expect(keys.publicKeys.get('2026')!.equals(old)).toBe(true);
    expect(() => validateConfig({ SEAL_PREVIOUS_PUBLIC_KEYS: 'sans-deux-points' })).toThrow(/SEAL_PREVIOUS_PUBLIC_KEYS: each item/);
    expect(() => validateConfig({ SEAL_PREVIOUS_PUBLIC_KEYS: 'k1:AAAA' })).toThrow(/key k1 is not a readable public key/);
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

  it('reads the OpenID Connect providers from their own variables, and names each missing or wrong one', () => {
    expect(validateConfig({}).oidcProviders).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'oidc-'));
    writeFileSync(join(dir, 'secret'), 'secret-du-fichier\n');
    const config = validateConfig({
      OIDC_PROVIDERS: 'gnc, mon-compte',
      OIDC_GNC_ISSUER: 'https://connexion.gouv.nc',
      OIDC_GNC_CLIENT_ID: 'portail',
      OIDC_GNC_CLIENT_SECRET: 's3cret',
      OIDC_GNC_NAME: 'Mon compte calédonien',
      OIDC_MON_COMPTE_ISSUER: 'http://127.0.0.1:4000',
      OIDC_MON_COMPTE_CLIENT_ID: 'p2',
      OIDC_MON_COMPTE_CLIENT_SECRET_FILE: join(dir, 'secret'),
      OIDC_MON_COMPTE_SCOPES: 'openid email',
    });
    expect(config.oidcProviders).toEqual([
      { id: 'gnc', name: 'Mon compte calédonien', issuer: 'https://connexion.gouv.nc', clientId: 'portail', clientSecret: 's3cret', scopes: 'openid email profile' },
      { id: 'mon-compte', name: 'mon-compte', issuer: 'http://127.0.0.1:4000', clientId: 'p2', clientSecret: 'secret-du-fichier', scopes: 'openid email' },
    ]);
    const error = (() => {
      try {
        validateConfig({ OIDC_PROVIDERS: 'gnc,Bad!,gnc', OIDC_GNC_ISSUER: 'ftp://x', OIDC_GNC_CLIENT_SECRET: 'ne-pas-montrer', OIDC_GNC_SCOPES: 'email' });
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(error).toMatch(/"Bad!" is not a provider id/);
    expect(error).toMatch(/"gnc" is listed twice/);
    expect(error).toMatch(/OIDC_GNC_ISSUER="ftp:\/\/x": must be an http\(s\) URL/);
    expect(error).toMatch(/OIDC_GNC_CLIENT_ID: required/);
    expect(error).toMatch(/OIDC_GNC_SCOPES="email": must include openid/);
    expect(error).not.toMatch(/ne-pas-montrer/);
  });
});
