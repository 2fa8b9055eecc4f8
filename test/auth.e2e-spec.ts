import { createHmac, randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import Redis from 'ioredis';
import request from 'supertest';
import { IsNull } from 'typeorm';
import { Account, AccountToken } from '@portal/accounts';
import { AuditEntry } from '@portal/audit';
import { ARGON2_PARAMS, Session } from '@portal/auth';
import { counterKey } from '@portal/infra';
import { createAccount, GOOD_PASSWORD, login, registerVerified, uniqueEmail } from './support/factories';
import { tokenFrom } from './support/smtp-sink';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

const DEV_SECRET = 'dev-only-secret-change-me-in-production-0123456789';
const NEUTRAL_REGISTRATION = 'Si cette adresse peut être utilisée, un courriel vient d’y être envoyé : suivez ses indications pour continuer.';
const NEUTRAL_RESET = 'Si un compte existe pour cette adresse, un courriel de réinitialisation vient d’être envoyé.';

function signJwt(header: object, payload: object, secret = DEV_SECRET): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('Accounts and authentication (e2e)', () => {
  let portal: TestPortal;
  const api = () => request(portal.url);

  beforeAll(async () => {
    portal = await startTestPortal({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', LOGIN_WINDOW_SECONDS: '2' } });
  });
  afterAll(() => portal?.close());

  describe('register', () => {
    it('creates a pending account and sends a verification email over real SMTP', async () => {
      const email = uniqueEmail();
      const res = await api().post('/api/auth/register').send({ email: email.toUpperCase(), password: GOOD_PASSWORD, firstName: 'Jean', lastName: 'Tjibaou' }).expect(202);
      expect(res.body).toEqual({ message: NEUTRAL_REGISTRATION });
      expect(await portal.db.manager.findOneBy(Account, { email })).toMatchObject({ status: 'pending_verification', role: 'citizen', firstName: 'Jean' });

      const mail = await portal.smtp.waitFor((m) => m.to.includes(email));
      expect(mail.subject).toBe('Confirmez votre adresse électronique');
      expect(mail.text).toContain('Bonjour Jean');
      const stored = await portal.db.manager.findOneOrFail(Account, { where: { email }, select: { id: true, passwordHash: true } });
      expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$/);
      const [, m, t] = /m=(\d+),t=(\d+)/.exec(stored.passwordHash)!.map(Number);
      expect(m).toBeGreaterThanOrEqual(19_456);
      expect(t).toBeGreaterThanOrEqual(2);
      const audit = await portal.db.manager.findOneBy(AuditEntry, { action: 'account.registered', actorId: stored.id });
      expect(audit).not.toBeNull();
    });

    it('answers a taken address exactly as a new one, creates nothing, and tells the owner by email instead', async () => {
      const owner = await registerVerified(portal, { firstName: 'Léa' });
      const fresh = uniqueEmail();
      const before = await portal.db.manager.findOneOrFail(Account, { where: { email: owner.email }, select: { id: true, passwordHash: true, firstName: true } });

      const taken = await api().post('/api/auth/register').send({ email: owner.email.toUpperCase(), password: 'un autre mot de passe bien long', firstName: 'C', lastName: 'D' });
      const created = await api().post('/api/auth/register').send({ email: fresh, password: 'un autre mot de passe bien long', firstName: 'C', lastName: 'D' });
      // No account enumeration: the same status, the same body, the same headers that matter.
      expect(taken.status).toBe(202);
      expect(created.status).toBe(202);
      expect(taken.body).toEqual(created.body);
      expect(taken.body).toEqual({ message: NEUTRAL_REGISTRATION });
      expect(taken.headers['content-type']).toBe(created.headers['content-type']);

      // The new address gets its verification email; the owner a notice, and their account is untouched.
      await portal.smtp.waitFor((m) => m.to.includes(fresh) && m.subject === 'Confirmez votre adresse électronique');
      const notice = await portal.smtp.waitFor((m) => m.to.includes(owner.email) && m.subject === 'Vous avez déjà un compte provincial');
      expect(notice.text).toContain('Bonjour Léa');
      expect(notice.text).toContain('Mot de passe oublié');
      expect(await portal.db.manager.countBy(Account, { email: owner.email })).toBe(1);
      expect(await portal.db.manager.findOneOrFail(Account, { where: { email: owner.email }, select: { id: true, passwordHash: true, firstName: true } })).toEqual(before);
      expect(portal.smtp.for(owner.email).filter((m) => m.subject.startsWith('Confirmez'))).toHaveLength(1);
      expect(await portal.db.manager.countBy(AuditEntry, { action: 'account.registration_on_taken_email', targetId: owner.accountId })).toBe(1);
      await api().post('/api/auth/login').send({ email: owner.email, password: owner.password }).expect(200);
    });

    it.each([
      ['11 characters', 'abcdefghijk', 'TOO_SHORT'],
      ['a common password', 'motdepasse123', 'COMMON_PASSWORD'],
      ['a keyboard row', 'azertyuiop2026', 'COMMON_PASSWORD'],
      ['a word and a postcode', 'Marseille13013', 'COMMON_PASSWORD'],
      ['a local word and a year', 'nouvellecaledonie2026', 'COMMON_PASSWORD'],
    ])('refuses %s with WEAK_PASSWORD and stores nothing', async (_label, password, detail) => {
      const email = uniqueEmail();
      const res = await api().post('/api/auth/register').send({ email, password, firstName: 'A', lastName: 'B' }).expect(422);
      expect(res.body.code).toBe('WEAK_PASSWORD');
      expect(res.body.details[0].code).toBe(detail);
      expect(await portal.db.manager.countBy(Account, { email })).toBe(0);
    });

    it('refuses a password made of the person’s own name, in French', async () => {
      const email = uniqueEmail();
      const res = await api().post('/api/auth/register').send({ email, password: 'wahnyamalla2026', firstName: 'Marie', lastName: 'Wahnyamalla' }).expect(422);
      expect(res.body).toMatchObject({ code: 'WEAK_PASSWORD', message: expect.stringMatching(/^Ce mot de passe est trop facile à deviner\./) });
      expect(await portal.db.manager.countBy(Account, { email })).toBe(0);
      // The same password is fine for someone else.
      await api().post('/api/auth/register').send({ email: uniqueEmail(), password: 'wahnyamalla2026', firstName: 'Jean', lastName: 'Dupont' }).expect(202);
    });

    it('accepts 12 characters, and 64 and 128 with spaces and accents, verified byte for byte', async () => {
      const long = `${'Ω'.repeat(64)} le récif de Poé brille sous une lune rousse, kiwi cagou niaouli et tricot rayé !!`.slice(0, 128);
      for (const password of ['douze-chars!', 'é'.repeat(32) + ' '.repeat(2) + 'x'.repeat(30), long]) {
        const email = uniqueEmail();
        await api().post('/api/auth/register').send({ email, password, firstName: 'A', lastName: 'B' }).expect(202);
        const mail = await portal.smtp.waitFor((m) => m.to.includes(email));
        await api().post('/api/auth/verify-email').send({ token: tokenFrom(mail) }).expect(204);
        await api().post('/api/auth/login').send({ email, password }).expect(200);
        await api().post('/api/auth/login').send({ email, password: password.slice(0, -1) }).expect(401);
      }
    });

    it('refuses unknown fields (mass assignment) with 400 and changes nothing', async () => {
      const email = uniqueEmail();
      const res = await api().post('/api/auth/register').send({ email, password: GOOD_PASSWORD, firstName: 'A', lastName: 'B', role: 'admin' }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([{ field: 'role', code: 'whitelistValidation', message: "Ce champ n'est pas accepté." }]);
      expect(await portal.db.manager.countBy(Account, { email })).toBe(0);
    });

    it('answers malformed JSON with 400 MALFORMED_JSON and an oversized body with 413', async () => {
      const bad = await api().post('/api/auth/register').set('content-type', 'application/json').send('{"email": "x@y.nc",').expect(400);
      expect(bad.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON', correlationId: expect.any(String) });
      const big = await api().post('/api/auth/register').send({ email: uniqueEmail(), password: GOOD_PASSWORD, firstName: 'x'.repeat(2_000_000), lastName: 'B' }).expect(413);
      expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('gives per-field French errors for invalid values', async () => {
      const res = await api().post('/api/auth/register').send({ email: 'pas-une-adresse', password: GOOD_PASSWORD, firstName: '', lastName: 'B' }).expect(400);
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          { field: 'email', code: 'isEmail', message: "L'adresse électronique n'est pas valide." },
          expect.objectContaining({ field: 'firstName' }),
        ]),
      );
    });
  });

  describe('email verification and login', () => {
    it('refuses login before verification with 403 EMAIL_NOT_VERIFIED, then accepts it once verified', async () => {
      const email = uniqueEmail();
      await api().post('/api/auth/register').send({ email, password: GOOD_PASSWORD, firstName: 'A', lastName: 'B' }).expect(202);
      const early = await api().post('/api/auth/login').send({ email, password: GOOD_PASSWORD }).expect(403);
      expect(early.body.code).toBe('EMAIL_NOT_VERIFIED');

      const token = tokenFrom(await portal.smtp.waitFor((m) => m.to.includes(email)));
      await api().post('/api/auth/verify-email').send({ token }).expect(204);
      const again = await api().post('/api/auth/verify-email').send({ token }).expect(401);
      expect(again.body.code).toBe('INVALID_TOKEN');

      const res = await api().post('/api/auth/login').send({ email, password: GOOD_PASSWORD }).expect(200);
      expect(res.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });
      const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      expect(cookies.some((c) => c.startsWith('portal_access=') && /HttpOnly/i.test(c) && /SameSite=Strict/i.test(c))).toBe(true);
      expect(cookies.some((c) => c.startsWith('portal_refresh=') && /Path=\/api\/auth/.test(c))).toBe(true);
    });

    it('signs the person in when the link is followed: the web app lands them in their account', async () => {
      const email = uniqueEmail();
      await api().post('/api/auth/register').send({ email, password: GOOD_PASSWORD, firstName: 'A', lastName: 'B' }).expect(202);
      const token = tokenFrom(await portal.smtp.waitFor((m) => m.to.includes(email)));
      const res = await api().post('/api/auth/verify-email').send({ token }).expect(204);
      const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      expect(cookies.some((c) => c.startsWith('portal_access=') && /HttpOnly/i.test(c) && /SameSite=Strict/i.test(c))).toBe(true);
      expect(cookies.some((c) => c.startsWith('portal_refresh=') && /Path=\/api\/auth/.test(c))).toBe(true);
      const access = cookies.find((c) => c.startsWith('portal_access='))!.split(';')[0];
      const me = await api().get('/api/me').set('cookie', access).expect(200);
      expect(me.body).toMatchObject({ email, status: 'active' });
      const account = await portal.db.manager.findOneByOrFail(Account, { email });
      expect(await portal.db.manager.countBy(Session, { accountId: account.id })).toBe(1);
      const audit = await portal.db.manager.findOneByOrFail(AuditEntry, { action: 'auth.login_succeeded', actorId: account.id });
      expect(audit.details).toEqual({ via: 'email_verification' });
    });

    it('refuses an expired verification token', async () => {
      const email = uniqueEmail();
      await api().post('/api/auth/register').send({ email, password: GOOD_PASSWORD, firstName: 'A', lastName: 'B' }).expect(202);
      const token = tokenFrom(await portal.smtp.waitFor((m) => m.to.includes(email)));
      await portal.db.manager.update(AccountToken, { purpose: 'verify_email' }, { expiresAt: new Date(Date.now() - 1000) });
      expect((await api().post('/api/auth/verify-email').send({ token }).expect(401)).body.code).toBe('INVALID_TOKEN');
    });

    it('answers a wrong password and an unknown email alike, and audits the failure', async () => {
      const user = await registerVerified(portal);
      const wrong = await api().post('/api/auth/login').send({ email: user.email, password: 'pas le bon mot de passe' }).expect(401);
      const unknown = await api().post('/api/auth/login').send({ email: uniqueEmail(), password: 'pas le bon mot de passe' }).expect(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      expect(unknown.body.message).toBe(wrong.body.message);
      expect(await portal.db.manager.countBy(AuditEntry, { action: 'auth.login_failed', actorId: user.accountId })).toBe(1);
    });

    it('serves the profile by bearer token and by cookie', async () => {
      const user = await registerVerified(portal, { firstName: 'Paul' });
      const login = await api().post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
      await api().get('/api/me').set('authorization', `Bearer ${login.body.accessToken}`).expect(200).expect((r) => expect(r.body.firstName).toBe('Paul'));
      await api().get('/api/me').set('cookie', `portal_access=${login.body.accessToken}`).expect(200);
      expect((await api().get('/api/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('tokens', () => {
    it('rotates refresh tokens, and a reused one revokes the whole session family', async () => {
      const user = await registerVerified(portal);
      const first = await login(portal, user);
      const second = (await api().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
      await api().get('/api/me').set('authorization', `Bearer ${second.accessToken}`).expect(200);

      const reuse = await api().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      expect(reuse.body.code).toBe('SESSION_REVOKED');
      // The thief's (or the owner's) newer tokens die with the family.
      await api().post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
      await api().get('/api/me').set('authorization', `Bearer ${second.accessToken}`).expect(401);
      expect(await portal.db.manager.countBy(AuditEntry, { action: 'auth.refresh_reuse_detected', actorId: user.accountId })).toBe(1);
    });

    it('refreshes from the httpOnly cookie too', async () => {
      const user = await registerVerified(portal);
      const first = await login(portal, user);
      await api().post('/api/auth/refresh').set('cookie', `portal_refresh=${first.refreshToken}`).send({}).expect(200);
    });

    it('refuses the access token after logout, before it expires', async () => {
      const user = await registerVerified(portal);
      const tokens = await login(portal, user);
      await api().post('/api/auth/logout').set('authorization', `Bearer ${tokens.accessToken}`).expect(204);
      expect((await api().get('/api/me').set('authorization', `Bearer ${tokens.accessToken}`).expect(401)).body.code).toBe('SESSION_REVOKED');
      await api().post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
    });

    it('refuses forged, alg:none, wrong-audience and expired JWTs', async () => {
      const user = await registerVerified(portal);
      const tokens = await login(portal, user);
      const claims = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
      const forged = signJwt({ alg: 'HS256', typ: 'JWT' }, claims, 'another-secret-another-secret-another-secret');
      const wrongAudience = signJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, aud: 'someone-else' });
      const expired = signJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: Math.floor(Date.now() / 1000) - 10 });
      const hs512 = signJwt({ alg: 'HS512', typ: 'JWT' }, claims);
      const genuine = signJwt({ alg: 'HS256', typ: 'JWT' }, claims);
      for (const token of [none, forged, wrongAudience, expired, hs512]) {
        await api().get('/api/me').set('authorization', `Bearer ${token}`).expect(401);
      }
      // The same claims correctly signed pass, so the refusals above are about the signature and claims.
      await api().get('/api/me').set('authorization', `Bearer ${genuine}`).expect(200);
    });
  });

  describe('password reset', () => {
    it('always answers 202, and a reset ends every other session', async () => {
      const user = await registerVerified(portal);
      const tokens = await login(portal, user);
      await api().post('/api/auth/password/forgot').send({ email: uniqueEmail() }).expect(202);
      await api().post('/api/auth/password/forgot').send({ email: user.email }).expect(202);
      const mail = await portal.smtp.waitFor((m) => m.to.includes(user.email) && m.subject.startsWith('Réinitialisation'));

      const weak = await api().post('/api/auth/password/reset').send({ token: tokenFrom(mail), password: 'court' }).expect(422);
      expect(weak.body.code).toBe('WEAK_PASSWORD');
      await api().post('/api/auth/password/reset').send({ token: tokenFrom(mail), password: 'un tout nouveau mot de passe' }).expect(204);
      await api().post('/api/auth/password/reset').send({ token: tokenFrom(mail), password: 'encore un autre mot de passe' }).expect(401);

      await api().get('/api/me').set('authorization', `Bearer ${tokens.accessToken}`).expect(401);
      await api().post('/api/auth/login').send({ email: user.email, password: user.password }).expect(401);
      await api().post('/api/auth/login').send({ email: user.email, password: 'un tout nouveau mot de passe' }).expect(200);
      // The verification link's session and the first login (both ended by the reset), and the new login.
      expect(await portal.db.manager.countBy(Session, { accountId: user.accountId })).toBe(3);
      expect(await portal.db.manager.countBy(Session, { accountId: user.accountId, revokedAt: IsNull() })).toBe(1);
      expect(await portal.db.manager.countBy(AuditEntry, { action: 'auth.password_changed', actorId: user.accountId })).toBe(1);
    });

    it('answers a known and an unknown address alike, with the same SQL: the API records the request, the worker does the rest', async () => {
      const user = await registerVerified(portal);
      const unknown = uniqueEmail();
      // Every statement the API's connection pool runs while it answers (the worker has a pool of its own).
      const forgot = async (email: string) => {
        const seen: string[] = [];
        const create = portal.db.createQueryRunner.bind(portal.db);
        const spy = jest.spyOn(portal.db, 'createQueryRunner').mockImplementation((mode) => {
          const runner = create(mode);
          const query = runner.query.bind(runner);
          runner.query = ((sql: string, ...rest: unknown[]) => {
            seen.push(sql.replace(/\s+/g, ' ').trim());
            return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
          }) as typeof runner.query;
          return runner;
        });
        try {
          return { res: await api().post('/api/auth/password/forgot').send({ email }), seen };
        } finally {
          spy.mockRestore();
        }
      };
      const known = await forgot(user.email);
      const stranger = await forgot(unknown);

      expect(known.res.status).toBe(202);
      expect(stranger.res.status).toBe(202);
      expect(known.res.body).toEqual({ message: NEUTRAL_RESET });
      expect(stranger.res.body).toEqual(known.res.body);
      // The same statements, none of which reads the accounts: the answer cannot depend on them.
      expect(known.seen.length).toBeGreaterThan(0);
      expect(stranger.seen).toEqual(known.seen);
      expect(known.seen.filter((sql) => /accounts/i.test(sql))).toEqual([]);
      // Their jobs carry an id, not the address (Redis never sees it).
      const jobs = (await portal.db.query(`SELECT payload FROM outbox_messages WHERE job_name = 'auth.password-reset' ORDER BY created_at DESC LIMIT 2`)) as Array<{ payload: object }>;
      expect(jobs.map((j) => Object.keys(j.payload))).toEqual([['resetRequestId'], ['resetRequestId']]);

      // The worker emails the account's owner, and nobody for the unknown address; both requests are then gone.
      const mail = await portal.smtp.waitFor((m) => m.to.includes(user.email) && m.subject.startsWith('Réinitialisation'));
      expect(mail.text).toMatch(/token=/);
      await eventually(async () => Number((await portal.db.query(`SELECT count(*) FROM password_reset_requests`))[0].count) === 0, 15_000, 'requests handled');
      expect(portal.smtp.for(unknown)).toEqual([]);
      expect(await portal.db.manager.countBy(AuditEntry, { action: 'auth.password_reset_requested', actorId: user.accountId })).toBe(1);
    });

    it('sends at most three reset emails an hour for one address', async () => {
      const user = await registerVerified(portal);
      for (let i = 0; i < 5; i++) await api().post('/api/auth/password/forgot').send({ email: user.email }).expect(202);
      await portal.smtp.waitFor(() => portal.smtp.for(user.email).filter((x) => x.subject.startsWith('Réinitialisation')).length >= 3);
      await new Promise((r) => setTimeout(r, 500));
      expect(portal.smtp.for(user.email).filter((x) => x.subject.startsWith('Réinitialisation'))).toHaveLength(3);
    });
  });

  describe('look-alike addresses', () => {
    it('takes the NFD spelling of an address for the NFC account: it signs in, and signing up again makes no second account', async () => {
      const nfc = `élodie.${randomBytes(4).toString('hex')}@example.nc`;
      const nfd = nfc.normalize('NFD');
      expect(nfd).not.toBe(nfc);
      const account = portal.db.manager.create(Account, { email: nfc, passwordHash: await hash(GOOD_PASSWORD, ARGON2_PARAMS), role: 'citizen', firstName: 'Élodie', lastName: 'Wamytan', status: 'active', emailVerifiedAt: new Date() });
      await portal.db.manager.insert(Account, account);

      await api().post('/api/auth/login').send({ email: nfd, password: GOOD_PASSWORD }).expect(200);
      await api().post('/api/auth/login').send({ email: nfd.toUpperCase(), password: GOOD_PASSWORD }).expect(200);
      const again = await api().post('/api/auth/register').send({ email: nfd, password: GOOD_PASSWORD, firstName: 'Autre', lastName: 'Personne' }).expect(202);
      expect(again.body).toEqual({ message: NEUTRAL_REGISTRATION });
      const rows = (await portal.db.query(`SELECT id, email FROM accounts WHERE normalize(email, NFC) = $1`, [nfc])) as Array<{ id: string; email: string }>;
      expect(rows).toEqual([{ id: account.id, email: nfc }]);
    });

    it.each([
      ['a zero-width space', (e: string) => e.replace('@', '\u200B@'), 'invisibleCharacters'],
      ['a right-to-left override', (e: string) => `\u202E${e}`, 'invisibleCharacters'],
      ['a soft hyphen', (e: string) => e.replace('.', '\u00AD.'), 'invisibleCharacters'],
      ['a Cyrillic а in the domain', (e: string) => e.replace('example', 'ex\u0430mple'), 'mixedScripts'],
      ['a Greek ο in the local part', (e: string) => e.replace('habitant', 'habitαnt'), 'mixedScripts'],
    ])('refuses an address with %s (400 on the field, in French) at sign-up, sign-in, reset and staff creation', async (_label, spoil, code) => {
      const owner = await registerVerified(portal);
      const lookAlike = spoil(owner.email);
      expect(lookAlike).not.toBe(owner.email);
      const admin = await login(portal, await createAccount(portal, 'admin'));
      const calls = [
        api().post('/api/auth/register').send({ email: lookAlike, password: GOOD_PASSWORD, firstName: 'A', lastName: 'B' }),
        api().post('/api/auth/login').send({ email: lookAlike, password: GOOD_PASSWORD }),
        api().post('/api/auth/password/forgot').send({ email: lookAlike }),
        api().post('/api/admin/agents').set('authorization', `Bearer ${admin.accessToken}`).send({ email: lookAlike, firstName: 'A', lastName: 'B', role: 'agent', directorateCode: 'DEL' }),
      ];
      for (const call of calls) {
        const res = await call.expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.details).toEqual([{ field: 'email', code, message: expect.stringMatching(/^L'adresse électronique .*(invisible|alphabets)/) }]);
      }
      expect(await portal.db.manager.countBy(Account, { email: lookAlike.normalize('NFC').toLowerCase() })).toBe(0);
    });
  });

  describe('brute force', () => {
    it('limits failures per account with 429 and Retry-After, without evaluating the password, and lets a correct login in after the window', async () => {
      const user = await registerVerified(portal);
      for (let i = 0; i < 5; i++) await api().post('/api/auth/login').send({ email: user.email, password: `mauvais ${i} mot de passe` }).expect(401);
      const blocked = await api().post('/api/auth/login').send({ email: user.email, password: user.password }).expect(429);
      expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Failures are counted in Redis, where every API instance reads them.
      const redis = new Redis(process.env.REDIS_URL!);
      const count = await redis.get(counterKey(process.env.QUEUE_PREFIX!, `login-fail:account:${user.email}`));
      redis.disconnect();
      expect(Number(count)).toBe(5);
      await new Promise((r) => setTimeout(r, 2_200));
      await api().post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
    });
  });

  describe('profile', () => {
    it('updates the profile with New Caledonian formats and stores the phone as E.164', async () => {
      const user = await registerVerified(portal);
      const { accessToken } = await login(portal, user);
      const res = await api()
        .patch('/api/me')
        .set('authorization', `Bearer ${accessToken}`)
        .send({ civility: 'Mme', birthDate: '1988-09-24', phone: '+687 25.12.34', addressLine1: '12 rue de Sébastopol', postcode: '98800', commune: 'Nouméa' })
        .expect(200);
      expect(res.body).toMatchObject({ phone: '+687251234', phoneDisplay: '+687 25.12.34', commune: 'Nouméa', postcode: '98800', birthDate: '1988-09-24' });
    });

    it.each([
      [{ phone: '+33 6 12 34 56 78' }, 'phone'],
      [{ phone: '0251234' }, 'phone'],
      [{ postcode: '75001' }, 'postcode'],
      [{ commune: 'Koné' }, 'commune'],
      [{ birthDate: '24/09/1988' }, 'birthDate'],
      [{ email: 'autre@example.nc' }, 'email'],
      [{ role: 'admin' }, 'role'],
    ])('refuses %j with a 400 naming the field and changes nothing', async (body, field) => {
      const user = await registerVerified(portal);
      const { accessToken } = await login(portal, user);
      const res = await api().patch('/api/me').set('authorization', `Bearer ${accessToken}`).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details[0].field).toBe(field);
      const after = await portal.db.manager.findOneByOrFail(Account, { id: user.accountId });
      expect(after).toMatchObject({ phone: null, postcode: null, commune: null, role: 'citizen', email: user.email });
    });
  });

  describe('roles', () => {
    it('lets an admin create an agent who receives an invitation, and refuses citizens and agents', async () => {
      const admin = await login(portal, await createAccount(portal, 'admin'));
      const citizen = await login(portal, await registerVerified(portal));
      const agentAccount = await createAccount(portal, 'agent', 'DEL');
      const agent = await login(portal, agentAccount);
      const email = uniqueEmail('agent');
      const body = { email, firstName: 'Nouvel', lastName: 'Agent', role: 'agent', directorateCode: 'DDET' };

      for (const token of [citizen.accessToken, agent.accessToken]) {
        const res = await api().post('/api/admin/agents').set('authorization', `Bearer ${token}`).send(body).expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      await api().post('/api/admin/agents').send(body).expect(401);
      const created = await api().post('/api/admin/agents').set('authorization', `Bearer ${admin.accessToken}`).send(body).expect(201);
      expect(created.body).toMatchObject({ role: 'agent', directorateCode: 'DDET', status: 'active' });

      const invitation = await portal.smtp.waitFor((m) => m.to.includes(email));
      await api().post('/api/auth/login').send({ email, password: GOOD_PASSWORD }).expect(401);
      await api().post('/api/auth/password/reset').send({ token: tokenFrom(invitation), password: GOOD_PASSWORD }).expect(204);
      await api().post('/api/auth/login').send({ email, password: GOOD_PASSWORD }).expect(200);
      expect(await portal.db.manager.countBy(AuditEntry, { action: 'account.role_changed', targetId: created.body.id })).toBe(1);

      // An address already taken, whatever its case: 409, and no second invitation or audit entry.
      const again = await api().post('/api/admin/agents').set('authorization', `Bearer ${admin.accessToken}`).send({ ...body, email: ` ${email.toUpperCase()}` }).expect(409);
      expect(again.body.code).toBe('EMAIL_TAKEN');
      await new Promise((r) => setTimeout(r, 300));
      expect(portal.smtp.for(email).filter((m) => m.subject === invitation.subject)).toHaveLength(1);
      expect(await portal.db.manager.countBy(AuditEntry, { action: 'account.role_changed' })).toBe(1);
    });
  });

  describe('errors and health', () => {
    it('answers an unknown route with the error shape, and health endpoints', async () => {
      const res = await api().get('/api/nope').expect(404);
      expect(res.body).toEqual({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: expect.any(String), correlationId: expect.any(String) });
      await api().get('/health/live').expect(200);
      const ready = await api().get('/health/ready').expect(200);
      expect(ready.body.info).toMatchObject({ database: { status: 'up' }, migrations: { status: 'up' }, redis: { status: 'up' } });
    });

    it('serves OpenAPI at /docs-json', async () => {
      const res = await api().get('/docs-json').expect(200);
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/register', '/api/me', '/api/admin/agents']));
    });
  });
});
