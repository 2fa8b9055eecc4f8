import { AppConfig } from '@portal/config';
import { MfaCrypto, normaliseRecoveryCode } from './mfa-crypto';
import { newRecoveryCode } from './mfa.service';
import { totpCode, totpStepOf, TOTP_STEP_SECONDS } from './totp';

const config = (overrides: Partial<AppConfig> = {}) => Object.assign(new AppConfig(), overrides);
const ACCOUNT = '8d4c8f0e-0a9e-4a53-9d1f-3a1f1f4c2b10';

describe('MfaCrypto', () => {
  it('round-trips a secret, bound to its account and its key', () => {
    const crypto = new MfaCrypto(config());
    const sealed = crypto.encrypt('KVKFKRCPJFHUKU2U', ACCOUNT);
    expect(sealed).not.toContain('KVKFKRCPJFHUKU2U');
    expect(crypto.decrypt(sealed, ACCOUNT)).toBe('KVKFKRCPJFHUKU2U');
    expect(() => crypto.decrypt(sealed, '00000000-0000-4000-8000-000000000000')).toThrow();
    expect(() => new MfaCrypto(config({ MFA_ENCRYPTION_KEY: 'k'.repeat(32) })).decrypt(sealed, ACCOUNT)).toThrow();
    const [v, iv, tag, data] = sealed.split('.');
    expect(() => crypto.decrypt([v, iv, tag, `A${data.slice(1)}`].join('.'), ACCOUNT)).toThrow();
  });

  it('hashes recovery codes with a pepper, whatever their case and dashes', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const crypto = new MfaCrypto(config());
    expect(crypto.hashRecoveryCode(code.toUpperCase().replace('-', ' '))).toBe(crypto.hashRecoveryCode(code));
    expect(new MfaCrypto(config({ MFA_ENCRYPTION_KEY: 'k'.repeat(32) })).hashRecoveryCode(code)).not.toBe(crypto.hashRecoveryCode(code));
    expect(normaliseRecoveryCode(' AbCdE-fGhIj ')).toBe('abcdefghij');
  });
});

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B, SHA-1 seed "12345678901234567890" (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ), 6 digits.
  const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s gives %s', (seconds, code) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code);
  });

  it('accepts one step either side, and says which step', () => {
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 1000 / TOTP_STEP_SECONDS);
    expect(totpStepOf(RFC_SECRET, totpCode(RFC_SECRET, now), now)).toBe(step);
    expect(totpStepOf(RFC_SECRET, totpCode(RFC_SECRET, now - 30_000), now)).toBe(step - 1);
    expect(totpStepOf(RFC_SECRET, totpCode(RFC_SECRET, now + 30_000), now)).toBe(step + 1);
    expect(totpStepOf(RFC_SECRET, totpCode(RFC_SECRET, now - 60_000), now)).toBeNull();
    expect(totpStepOf(RFC_SECRET, 'abcdef', now)).toBeNull();
  });
});
