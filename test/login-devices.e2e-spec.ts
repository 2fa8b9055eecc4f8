import { createHmac } from 'node:crypto';
import request from 'supertest';
import { GOOD_PASSWORD, registerVerified } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

/**
 * Guessing is slowed without locking the owner out (OWASP device cookies): a browser that signed in
 * to an account has its own allowance there; everyone else shares the account's untrusted allowance.
 * TRUST_PROXY is on so that X-Forwarded-For plays the attacker's many addresses.
 */
describe('Login limits with device cookies (e2e)', () => {
  let portal: TestPortal;
  let nextIp = 1;
  const freshIp = () => `203.0.113.${nextIp++}`;
  const api = () => request(portal.url);

  const attempt = (email: string, password: string, options: { ip?: string; device?: string } = {}) => {
    const call = api().post('/api/auth/login').set('x-forwarded-for', options.ip ?? freshIp());
    if (options.device !== undefined && options.device !== '') call.set('cookie', `portal_device=${options.device}`);
    return call.send({ email, password });
  };

  const deviceCookieOf = (res: request.Response): string => {
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('portal_device='));
    // None (as before device cookies): '' sends no cookie, so the test shows what the owner then gets.
    if (!cookie) return '';
    return cookie.slice('portal_device='.length).split(';')[0];
  };

  /** Eleven wrong passwords for the account, each from an address of its own. */
  const attackFromElevenAddresses = async (email: string): Promise<number[]> => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await attempt(email, `deviné ${i} au hasard`)).status);
    return statuses;
  };

  beforeAll(async () => {
    portal = await startTestPortal({ worker: true, env: { TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_ACCOUNT: '10', LOGIN_MAX_FAILURES_PER_DEVICE: '4', LOGIN_WINDOW_SECONDS: '900' } });
  });
  afterAll(() => portal?.close());

  it('sets a long-lived, HttpOnly, SameSite=Strict device cookie on /api/auth at sign-in', async () => {
    const owner = await registerVerified(portal);
    const res = await attempt(owner.email, owner.password).expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('portal_device='));
    if (!cookie) throw new Error('no device cookie set');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth(;|$)/);
    const expires = new Date(/Expires=([^;]+)/i.exec(cookie)![1]);
    expect(expires.getTime() - Date.now()).toBeGreaterThan(300 * 86_400_000);
  });

  it('lets the owner in from their usual browser after an attacker used up the account from eleven addresses', async () => {
    const owner = await registerVerified(portal);
    const device = deviceCookieOf(await attempt(owner.email, owner.password).expect(200));

    const statuses = await attackFromElevenAddresses(owner.email);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);

    // Without the cookie, even the right password waits: the untrusted allowance is spent.
    const stranger = await attempt(owner.email, owner.password).expect(429);
    expect(stranger.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('Trop de tentatives') });
    expect(Number(stranger.headers['retry-after'])).toBeGreaterThan(0);

    // With it, the owner signs in, and gets a renewed cookie that works as well.
    const signedIn = await attempt(owner.email, owner.password, { device }).expect(200);
    expect(signedIn.body.accessToken).toEqual(expect.any(String));
    await attempt(owner.email, owner.password, { device: deviceCookieOf(signedIn) }).expect(200);
  });

  it('gives no allowance for a forged cookie, one signed with another key, or another account’s', async () => {
    const owner = await registerVerified(portal);
    const other = await registerVerified(portal);
    const ownDevice = deviceCookieOf(await attempt(owner.email, owner.password).expect(200));
    const otherDevice = deviceCookieOf(await attempt(other.email, other.password).expect(200));
    await attackFromElevenAddresses(owner.email);

    const [, nonce, expiry] = ownDevice.split('.');
    const unsigned = `${owner.accountId}.${nonce}.${expiry}`;
    const otherKey = `${unsigned}.${createHmac('sha256', 'une autre clé, une autre clé, une autre clé').update(unsigned).digest('base64url')}`;
    const [otherAccountId, ...rest] = otherDevice.split('.');
    expect(otherAccountId).toBe(other.accountId);
    const relabelled = [owner.accountId, ...rest].join('.');
    const tampered = `${ownDevice.slice(0, -2)}${ownDevice.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const device of [otherDevice, otherKey, relabelled, tampered, 'nimporte-quoi']) {
      const res = await attempt(owner.email, owner.password, { device }).expect(429);
      expect(res.body.code).toBe('TOO_MANY_REQUESTS');
    }
    // The genuine cookie still works: the refusals above are about the cookies.
    await attempt(owner.email, owner.password, { device: ownDevice }).expect(200);
  });

  it('limits a device that fails too often on its own, without touching the account or other devices', async () => {
    const owner = await registerVerified(portal);
    const device = deviceCookieOf(await attempt(owner.email, owner.password).expect(200));
    const otherDevice = deviceCookieOf(await attempt(owner.email, owner.password).expect(200));
    const ip = freshIp();

    for (let i = 0; i < 4; i++) await attempt(owner.email, `pas le bon ${i} mot de passe`, { device, ip }).expect(401);
    const locked = await attempt(owner.email, owner.password, { device, ip }).expect(429);
    expect(locked.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('Réessayez') });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    // Its failures were its own: another browser of the owner, and a new one, still sign in.
    await attempt(owner.email, owner.password, { device: otherDevice }).expect(200);
    await attempt(owner.email, owner.password).expect(200);
  });

  it('still refuses, once the untrusted allowance is spent, an attacker cycling through addresses', async () => {
    const owner = await registerVerified(portal);
    await attackFromElevenAddresses(owner.email);
    for (let i = 0; i < 3; i++) {
      const res = await attempt(owner.email, i === 2 ? GOOD_PASSWORD : `encore ${i}`).expect(429);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
    }
  });
});
