import { validateConfig } from '@portal/config';
import { LoginDevices } from './login-devices';

const ACCOUNT = '8689d6ef-c888-47fb-8598-81451cd8d2b1';
const OTHER = '1f0c7c1e-7a55-4a43-9f4e-2d1a3c0b9e11';

describe('LoginDevices', () => {
  const devices = new LoginDevices(validateConfig({ LOGIN_DEVICE_COOKIE_DAYS: '30' }));

  it('recognises its own cookie for the account it was issued to, until it expires', () => {
    const now = new Date('2026-12-03T10:00:00Z');
    const cookie = devices.issue(ACCOUNT, now);
    expect(cookie.expiresAt).toEqual(new Date('2027-01-02T10:00:00Z'));
    const device = devices.deviceOf(cookie.value, ACCOUNT, now);
    expect(device).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(devices.deviceOf(cookie.value, ACCOUNT, new Date('2027-01-02T09:59:00Z'))).toBe(device);
    expect(devices.deviceOf(cookie.value, ACCOUNT, new Date('2027-01-02T10:00:01Z'))).toBeNull();
  });

  it('gives each sign-in a device id of its own', () => {
    expect(devices.deviceOf(devices.issue(ACCOUNT).value, ACCOUNT)).not.toBe(devices.deviceOf(devices.issue(ACCOUNT).value, ACCOUNT));
  });

  it('refuses another account’s cookie, a relabelled, extended or re-signed one, and garbage', () => {
    const value = devices.issue(ACCOUNT).value;
    const [, nonce, expiry, signature] = value.split('.');
    const otherKey = new LoginDevices(validateConfig({ LOGIN_DEVICE_SECRET: 'une autre clé de trente-deux caractères au moins' }));
    for (const forged of [
      devices.issue(OTHER).value,
      [OTHER, nonce, expiry, signature].join('.'),
      [ACCOUNT, nonce, String(Number(expiry) + 86_400), signature].join('.'),
      otherKey.issue(ACCOUNT).value,
      `${value}.`,
      '',
      undefined,
      'x'.repeat(500),
    ]) {
      expect(devices.deviceOf(forged, ACCOUNT)).toBeNull();
    }
    expect(devices.deviceOf(value, OTHER)).toBeNull();
  });
});
