import request from 'supertest';
import { Account, normaliseEmail } from '@portal/accounts';
import { AuditEntry } from '@portal/audit';
import { LinkedIdentity } from '@portal/auth';
import { authHeader, createAccount, GOOD_PASSWORD, login, registerVerified, uniqueEmail } from './support/factories';
import { IdTokenTamper, OidcTestProvider, TestPerson } from './support/oidc-test-provider';
import { startTestPortal, TestPortal } from './support/test-portal';

const PUBLIC_URL = 'http://localhost:3000';
const PROVIDER = 'test';

/**
 * Sign-in with an OpenID Connect provider, against a real provider (oidc-provider) started here on a
 * free port: the portal discovers it, sends the "browser" there, and checks what comes back.
 */
describe('OpenID Connect sign-in (e2e)', () => {
  let portal: TestPortal;
  let op: OidcTestProvider;
  const api = () => request(portal.url);
  let n = 0;
  const person = (overrides: Partial<TestPerson> = {}): TestPerson => ({
    sub: `sujet-${Date.now()}-${n++}`,
    email: uniqueEmail('oidc'),
    email_verified: true,
    given_name: 'Léa',
    family_name: 'Wamytan',
    ...overrides,
  });

  /** The transaction cookie a start set, as the browser would send it back. */
  const transactionCookie = (res: request.Response): string => {
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const cookie = cookies.find((c) => c.startsWith('portal_oidc='));
    if (!cookie) throw new Error('no transaction cookie');
    return cookie.split(';')[0];
  };

  /** Start (as sign-in, or as a link with `token`), the person signs in at the provider, the provider's answer and the cookie. */
  const atProvider = async (who: TestPerson, options: { token?: string; tamper?: IdTokenTamper } = {}): Promise<{ query: string; cookie: string }> => {
    op.signInAs(who, options.tamper);
    const start = options.token
      ? await api().post(`/api/me/identities/${PROVIDER}/link`).set(authHeader(options.token)).expect(200)
      : await api().post(`/api/auth/oidc/${PROVIDER}/start`).expect(200);
    const url = new URL(start.body.authorizationUrl as string);
    expect(url.origin).toBe(op.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    return { query: await op.authorize(url.href), cookie: transactionCookie(start) };
  };

  const callback = (answer: { query: string; cookie?: string }) => {
    const call = api().post(`/api/auth/oidc/${PROVIDER}/callback`).send({ query: answer.query });
    return answer.cookie ? call.set('cookie', answer.cookie) : call;
  };

  const accountsWith = (email: string) => portal.db.manager.countBy(Account, { email: normaliseEmail(email) });
  const identitiesOf = (sub: string) => portal.db.manager.countBy(LinkedIdentity, { provider: PROVIDER, subject: sub });

  const expectError = (res: request.Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(typeof res.body.message).toBe('string');
    expect(res.body.correlationId).toBeTruthy();
  };

  beforeAll(async () => {
    op = new OidcTestProvider([`${PUBLIC_URL}/connexion/oidc/${PROVIDER}`]);
    await op.start();
    // A second provider whose issuer does not answer (nothing listens on port 9 here).
    const down = { OIDC_PANNE_ISSUER: 'http://127.0.0.1:9', OIDC_PANNE_CLIENT_ID: 'portail', OIDC_PANNE_CLIENT_SECRET: 'secret', OIDC_PANNE_NAME: 'En panne' };
    portal = await startTestPortal({ worker: true, env: { PUBLIC_URL, ...op.env(PROVIDER, 'Mon compte de test'), ...down, OIDC_PROVIDERS: `${PROVIDER},panne` } });
  });
  afterAll(async () => {
    await portal?.close();
    await op?.stop();
  });

  it('lists the configured providers for the sign-in page', async () => {
    const res = await api().get('/api/auth/oidc/providers').expect(200);
    expect(res.body).toEqual([
      { id: PROVIDER, name: 'Mon compte de test' },
      { id: 'panne', name: 'En panne' },
    ]);
  });

  it('a first sign-in creates the account from the verified claims; the next one finds it; the portal’s own session rules apply', async () => {
    const lea = person();
    const res = await callback(await atProvider(lea)).expect(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: expect.any(Number), tokenType: 'Bearer' });
    const cookies = ([] as string[]).concat(res.headers['set-cookie']);
    expect(cookies.find((c) => c.startsWith('portal_access='))).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/);
    expect(cookies.find((c) => c.startsWith('portal_refresh='))).toMatch(/Path=\/api\/auth/);
    expect(cookies.find((c) => c.startsWith('portal_oidc='))).toMatch(/portal_oidc=;/);

    const me = await api().get('/api/me').set(authHeader(res.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ email: normaliseEmail(lea.email!), firstName: 'Léa', lastName: 'Wamytan', role: 'citizen' });
    const account = await portal.db.manager.findOneByOrFail(Account, { email: normaliseEmail(lea.email!) });
    expect(account.status).toBe('active');
    expect(account.emailVerifiedAt).not.toBeNull();
    // No password: a password sign-in with anything fails.
    await api().post('/api/auth/login').send({ email: lea.email, password: '!' }).expect(401);
    // Refresh rotation as for a password sign-in: a spent refresh token revokes the session.
    const rotated = await api().post('/api/auth/refresh').send({ refreshToken: res.body.refreshToken }).expect(200);
    await api().post('/api/auth/refresh').send({ refreshToken: res.body.refreshToken }).expect(401);
    await api().get('/api/me').set(authHeader(rotated.body.accessToken)).expect(401);

    const again = await callback(await atProvider(lea)).expect(200);
    const sessions = await api().get('/api/me/sessions').set(authHeader(again.body.accessToken)).expect(200);
    expect(sessions.body).toHaveLength(1);
    expect(await accountsWith(lea.email!)).toBe(1);
    const audit = await portal.db.manager.find(AuditEntry, { where: { actorId: account.id }, order: { id: 'ASC' } });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['account.registered', 'auth.identity_linked', 'auth.login_succeeded']));
  });

  it('links to the existing account whose address both sides verified', async () => {
    const marie = await registerVerified(portal);
    const res = await callback(await atProvider(person({ email: marie.email.toUpperCase() }))).expect(200);
    const me = await api().get('/api/me').set(authHeader(res.body.accessToken)).expect(200);
    expect(me.body.id).toBe(marie.accountId);
    const identities = await api().get('/api/me/identities').set(authHeader(res.body.accessToken)).expect(200);
    expect(identities.body).toEqual([expect.objectContaining({ provider: PROVIDER, name: 'Mon compte de test', email: normaliseEmail(marie.email) })]);
    // The password still works too.
    await login(portal, marie);
  });

  it('never links on an address the provider has not verified, nor creates an account with it', async () => {
    const marie = await registerVerified(portal);
    const unverified = person({ email: marie.email, email_verified: false });
    expectError(await callback(await atProvider(unverified)), 403, 'OIDC_EMAIL_NOT_VERIFIED');
    expect(await identitiesOf(unverified.sub)).toBe(0);

    const stranger = person({ email_verified: false });
    expectError(await callback(await atProvider(stranger)), 403, 'OIDC_EMAIL_NOT_VERIFIED');
    expect(await accountsWith(stranger.email!)).toBe(0);
  });

  it('never hands over an account whose owner has not verified the address (someone may have registered it in their place)', async () => {
    const email = uniqueEmail('en-attente');
    await api().post('/api/auth/register').send({ email, password: GOOD_PASSWORD, firstName: 'Pré', lastName: 'Inscrit' }).expect(202);
    const claimant = person({ email });
    expectError(await callback(await atProvider(claimant)), 409, 'OIDC_ACCOUNT_NOT_VERIFIED');
    expect(await identitiesOf(claimant.sub)).toBe(0);
    expect((await portal.db.manager.findOneByOrFail(Account, { email: normaliseEmail(email) })).status).toBe('pending_verification');
  });

  it('refuses a tampered state, a missing transaction, a replayed code; nothing created', async () => {
    const lea = person();
    const answer = await atProvider(lea);
    const tampered = answer.query.replace(/state=[^&]+/, 'state=autre-chose');
    expectError(await callback({ ...answer, query: tampered }), 400, 'OIDC_STATE_MISMATCH');
    expectError(await callback({ query: answer.query }), 400, 'OIDC_SIGN_IN_EXPIRED');
    expectError(await callback({ ...answer, cookie: 'portal_oidc=pas.un.jeton' }), 400, 'OIDC_SIGN_IN_EXPIRED');
    expect(await accountsWith(lea.email!)).toBe(0);

    await callback(answer).expect(200);
    expectError(await callback(answer), 401, 'OIDC_CODE_REJECTED');
    expect(await accountsWith(lea.email!)).toBe(1);
  });

  it('refuses a cancelled sign-in at the provider', async () => {
    const start = await api().post(`/api/auth/oidc/${PROVIDER}/start`).expect(200);
    const state = new URL(start.body.authorizationUrl as string).searchParams.get('state')!;
    expectError(await callback({ query: `error=access_denied&state=${state}`, cookie: transactionCookie(start) }), 401, 'OIDC_PROVIDER_REFUSED');
  });

  const forgeries: Array<[string, IdTokenTamper]> = [
    ['a wrong nonce', (claims) => ({ claims: { ...claims, nonce: 'un-autre-nonce' } })],
    ['another audience', (claims) => ({ claims: { ...claims, aud: 'un-autre-client' } })],
    ['an expired ID token', (claims) => ({ claims: { ...claims, iat: claims.iat! - 7200, exp: claims.iat! - 3600 } })],
    ['another issuer', (claims) => ({ claims: { ...claims, iss: 'https://faux-fournisseur.example' } })],
    ['a token signed by another key', (claims) => ({ claims, key: 'stranger' })],
  ];
  it.each(forgeries)('refuses an ID token with %s; nothing created', async (_name, tamper) => {
    const lea = person();
    expectError(await callback(await atProvider(lea, { tamper })), 401, 'OIDC_ID_TOKEN_INVALID');
    expect(await accountsWith(lea.email!)).toBe(0);
    expect(await identitiesOf(lea.sub)).toBe(0);
  });

  it('a signed-in person links a provider from their account, signs in with it, and unlinks it', async () => {
    const marie = await registerVerified(portal);
    const { accessToken } = await login(portal, marie);
    // The provider knows her under another address: linking does not depend on it.
    const elsewhere = person({ email: uniqueEmail('ailleurs') });
    const linked = await callback(await atProvider(elsewhere, { token: accessToken })).expect(200);
    expect(linked.body).toEqual({ linkedProvider: PROVIDER });
    expect(linked.headers['set-cookie']?.toString()).not.toMatch(/portal_access=[^;]/);

    const signIn = await callback(await atProvider(elsewhere)).expect(200);
    expect((await api().get('/api/me').set(authHeader(signIn.body.accessToken)).expect(200)).body.id).toBe(marie.accountId);
    expect(await accountsWith(elsewhere.email!)).toBe(0);

    // Linked twice, or an identity someone else holds: refused.
    expectError(await callback(await atProvider(person(), { token: accessToken })), 409, 'OIDC_ALREADY_LINKED');
    const other = await registerVerified(portal);
    const otherToken = (await login(portal, other)).accessToken;
    expectError(await callback(await atProvider(elsewhere, { token: otherToken })), 409, 'OIDC_IDENTITY_TAKEN');

    await api().delete(`/api/me/identities/${PROVIDER}`).set(authHeader(accessToken)).expect(204);
    expect((await api().get('/api/me/identities').set(authHeader(accessToken)).expect(200)).body).toEqual([]);
    expectError(await api().delete(`/api/me/identities/${PROVIDER}`).set(authHeader(accessToken)), 404, 'OIDC_IDENTITY_NOT_LINKED');
    const actions = (await portal.db.manager.findBy(AuditEntry, { actorId: marie.accountId })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.identity_linked', 'auth.identity_unlinked']));
  });

  it('a link whose session ended meanwhile is refused', async () => {
    const marie = await registerVerified(portal);
    const { accessToken } = await login(portal, marie);
    const answer = await atProvider(person(), { token: accessToken });
    await api().post('/api/auth/logout').set(authHeader(accessToken)).expect(204);
    expectError(await callback(answer), 401, 'SESSION_REVOKED');
    expect(await portal.db.manager.countBy(LinkedIdentity, { accountId: marie.accountId })).toBe(0);
  });

  it('keeps the only way in: an account without a password cannot unlink its last provider', async () => {
    const lea = person();
    const res = await callback(await atProvider(lea)).expect(200);
    expectError(await api().delete(`/api/me/identities/${PROVIDER}`).set(authHeader(res.body.accessToken)), 409, 'OIDC_LAST_SIGN_IN_METHOD');
    expect(await identitiesOf(lea.sub)).toBe(1);
  });

  it('staff signing in with a provider still owe their second factor: a challenge, no session', async () => {
    const agent = await createAccount(portal, 'agent', 'DDET');
    const res = await callback(await atProvider(person({ email: agent.email }))).expect(200);
    expect(res.body).toEqual({ mfaRequired: true, enrolmentRequired: true, mfaToken: expect.any(String), expiresIn: expect.any(Number) });
    expect(res.headers['set-cookie']?.toString() ?? '').not.toMatch(/portal_access=[^;]/);
    expect(await portal.db.query(`SELECT count(*)::int AS n FROM sessions WHERE account_id = $1`, [agent.accountId])).toEqual([{ n: 0 }]);
  });

  it('refuses an unknown provider with 404', async () => {
    expectError(await api().post('/api/auth/oidc/inconnu/start'), 404, 'OIDC_PROVIDER_UNKNOWN');
    expectError(await api().post('/api/auth/oidc/inconnu/callback').send({ query: 'code=x&state=y' }), 404, 'OIDC_PROVIDER_UNKNOWN');
  });

  // Last: it stops the provider.
  it('a provider that does not answer: 503 OIDC_PROVIDER_UNAVAILABLE, nothing created; password sign-in unaffected', async () => {
    expectError(await api().post('/api/auth/oidc/panne/start'), 503, 'OIDC_PROVIDER_UNAVAILABLE');
    const lea = person();
    const answer = await atProvider(lea);
    await op.stop();
    expectError(await callback(answer), 503, 'OIDC_PROVIDER_UNAVAILABLE');
    expect(await accountsWith(lea.email!)).toBe(0);
    await login(portal, await registerVerified(portal));
  });
});
