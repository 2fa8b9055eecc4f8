import request from 'supertest';
import { Account } from '@portal/accounts';
import { AuditEntry } from '@portal/audit';
import { AccessTokenService, AccountMfa, MfaRecoveryCode, Session, TOTP_STEP_SECONDS, totpCode } from '@portal/auth';
import { authHeader, createAccount, Credentials, GOOD_PASSWORD, login, registerVerified } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

/**
 * Second factor (TOTP, RFC 6238): staff enrol at their first sign-in and give a code at every one;
 * codes outside the window or already used are refused; wrong codes count like wrong passwords;
 * recovery codes work once; a session without the factor does not reach staff routes; an admin
 * resets a colleague's factor (audited); a resident may turn it on.
 */
describe('Second factor (e2e)', () => {
  let portal: TestPortal;
  const api = () => request(portal.url);
  const STEP_MS = TOTP_STEP_SECONDS * 1000;

  const passwordStep = async (who: Pick<Credentials, 'email' | 'password'>) => {
    const res = await api().post('/api/auth/login').send({ email: who.email, password: who.password }).expect(200);
    return res.body as { mfaRequired?: true; enrolmentRequired?: boolean; mfaToken?: string; accessToken?: string; refreshToken?: string };
  };

  /** Staff first sign-in: enrol through the API, as the app on a phone would. */
  const enrol = async (who: Credentials) => {
    const challenge = await passwordStep(who);
    expect(challenge).toMatchObject({ mfaRequired: true, enrolmentRequired: true });
    expect(challenge.accessToken).toBeUndefined();
    const enrolment = await api().post('/api/auth/mfa/enrolment').send({ mfaToken: challenge.mfaToken }).expect(200);
    const secret = enrolment.body.secret as string;
    const confirmed = await api().post('/api/auth/mfa/enrolment/confirm').send({ mfaToken: challenge.mfaToken, code: totpCode(secret) }).expect(200);
    return { secret, tokens: confirmed.body as { accessToken: string; recoveryCodes: string[] } };
  };

  beforeAll(async () => {
    portal = await startTestPortal({ worker: true, env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', STAFF_MFA_REQUIRED: 'true' } });
  });
  afterAll(() => portal?.close());

  it('staff must enrol at their first sign-in; the pending token opens nothing else; the secret is encrypted at rest', async () => {
    const agent = await createAccount(portal, 'agent', 'DDET');
    const challenge = await passwordStep(agent);
    expect(challenge).toEqual({ mfaRequired: true, enrolmentRequired: true, mfaToken: expect.any(String), expiresIn: 300 });
    expect(await portal.db.manager.countBy(Session, { accountId: agent.accountId })).toBe(0);
    // The pending token is no access token.
    expect((await api().get('/api/me').set(authHeader(challenge.mfaToken!)).expect(401)).body.code).toBe('UNAUTHENTICATED');

    const enrolment = await api().post('/api/auth/mfa/enrolment').send({ mfaToken: challenge.mfaToken }).expect(200);
    expect(enrolment.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Province%20Sud:.+\?secret=[A-Z2-7]+&period=30&digits=6&algorithm=SHA1&issuer=Province%20Sud$/);
    expect(enrolment.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const secret = enrolment.body.secret as string;
    const stored = await portal.db.manager.findOneByOrFail(AccountMfa, { accountId: agent.accountId });
    expect(stored.secretEncrypted).not.toContain(secret);
    expect(stored.confirmedAt).toBeNull();

    const wrong = await api().post('/api/auth/mfa/enrolment/confirm').send({ mfaToken: challenge.mfaToken, code: totpCode(secret, Date.now() - 5 * STEP_MS) }).expect(401);
    expect(wrong.body).toMatchObject({ code: 'INVALID_MFA_CODE', message: expect.stringMatching(/code est incorrect/) });

    const confirmed = await api().post('/api/auth/mfa/enrolment/confirm').send({ mfaToken: challenge.mfaToken, code: totpCode(secret) }).expect(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    await api().get('/api/agent/requests').set(authHeader(confirmed.body.accessToken as string)).expect(200);
    expect(await portal.db.manager.countBy(AuditEntry, { action: 'auth.mfa_enabled', actorId: agent.accountId })).toBe(1);
    // Enrolled: no second enrolment with a pending token.
    const again = await passwordStep(agent);
    expect(again.enrolmentRequired).toBe(false);
    expect((await api().post('/api/auth/mfa/enrolment').send({ mfaToken: again.mfaToken }).expect(409)).body.code).toBe('MFA_ALREADY_ENABLED');
  });

  it('asks a code at every staff sign-in: old and reused codes are refused', async () => {
    const supervisor = await createAccount(portal, 'supervisor', 'DDET');
    const { secret } = await enrol(supervisor);
    const challenge = await passwordStep(supervisor);
    expect(challenge).toMatchObject({ mfaRequired: true, enrolmentRequired: false });
    const verify = (body: object) => api().post('/api/auth/mfa/verify').send({ mfaToken: challenge.mfaToken, ...body });

    expect((await verify({ code: totpCode(secret, Date.now() - 3 * STEP_MS) }).expect(401)).body.code).toBe('INVALID_MFA_CODE');
    expect((await verify({ code: totpCode(secret, Date.now() + 3 * STEP_MS) }).expect(401)).body.code).toBe('INVALID_MFA_CODE');
    // The next step's code (clock drift) is accepted once; then it, and the current (earlier) one, are spent.
    const next = totpCode(secret, Date.now() + STEP_MS);
    const ok = await verify({ code: next }).expect(200);
    await api().get('/api/agent/requests').set(authHeader(ok.body.accessToken as string)).expect(200);
    expect((await verify({ code: next }).expect(401)).body.code).toBe('INVALID_MFA_CODE');
    expect((await verify({ code: totpCode(secret) }).expect(401)).body.code).toBe('INVALID_MFA_CODE');
    expect((await verify({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await api().post('/api/auth/mfa/verify').send({ mfaToken: 'pas.un.jeton', code: '123456' }).expect(401)).body.code).toBe('INVALID_TOKEN');
  });

  it('counts wrong codes like wrong passwords: past the limit, 429 even for the right code', async () => {
    const agent = await createAccount(portal, 'agent', 'DEL');
    const { secret } = await enrol(agent);
    const challenge = await passwordStep(agent);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const guess = String((Number(totpCode(secret)) + 1 + i) % 1_000_000).padStart(6, '0');
      statuses.push((await api().post('/api/auth/mfa/verify').send({ mfaToken: challenge.mfaToken, code: guess })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const blocked = await api().post('/api/auth/mfa/verify').send({ mfaToken: challenge.mfaToken, code: totpCode(secret, Date.now() + STEP_MS) }).expect(429);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(await portal.db.manager.countBy(AuditEntry, { action: 'auth.mfa_failed', actorId: agent.accountId })).toBe(5);
  });

  it('takes each recovery code once', async () => {
    const admin = await createAccount(portal, 'admin');
    const { tokens } = await enrol(admin);
    const [first, second] = tokens.recoveryCodes;
    const challenge = await passwordStep(admin);
    const ok = await api().post('/api/auth/mfa/verify').send({ mfaToken: challenge.mfaToken, recoveryCode: first.toUpperCase() }).expect(200);
    await api().get('/api/admin/jobs/dead-letters').set(authHeader(ok.body.accessToken as string)).expect(200);
    expect((await api().post('/api/auth/mfa/verify').send({ mfaToken: challenge.mfaToken, recoveryCode: first }).expect(401)).body.code).toBe('INVALID_MFA_CODE');
    await api().post('/api/auth/mfa/verify').send({ mfaToken: challenge.mfaToken, recoveryCode: second }).expect(200);
    expect(await portal.db.manager.countBy(AuditEntry, { action: 'auth.mfa_recovery_code_used', actorId: admin.accountId })).toBe(2);
  });

  it('refuses staff routes to a staff session that did not pass the second factor (403 MFA_REQUIRED)', async () => {
    const agent = await createAccount(portal, 'agent', 'DDET');
    // A session opened before second factors existed (or while they were not required).
    const account = await portal.db.manager.findOneByOrFail(Account, { id: agent.accountId });
    const session = portal.db.manager.create(Session, { accountId: agent.accountId, expiresAt: new Date(Date.now() + 3600_000), mfaVerifiedAt: null });
    await portal.db.manager.insert(Session, session);
    const token = portal.app.get(AccessTokenService).sign(account, session.id);
    const refused = await api().get('/api/agent/requests').set(authHeader(token)).expect(403);
    expect(refused.body).toMatchObject({ code: 'MFA_REQUIRED', message: expect.stringMatching(/double authentification/) });
    await api().get('/api/me').set(authHeader(token)).expect(200);
    // Through the API, the same agent reaches the route once enrolled.
    await api().get('/api/agent/requests').set(authHeader((await login(portal, agent)).accessToken)).expect(200);
  });

  it("lets an admin reset a colleague's second factor: audited, their sessions ended, enrolment again", async () => {
    const admin = await createAccount(portal, 'admin');
    const agent = await createAccount(portal, 'agent', 'DEL');
    const adminToken = (await login(portal, admin)).accessToken;
    const { tokens } = await enrol(agent);

    await api().post(`/api/admin/accounts/${admin.accountId}/mfa/reset`).set(authHeader(tokens.accessToken)).expect(403);
    expect((await api().post(`/api/admin/accounts/${admin.accountId}/mfa/reset`).set(authHeader(adminToken)).expect(403)).body.code).toBe('FORBIDDEN');
    await api().post('/api/admin/accounts/pas-un-id/mfa/reset').set(authHeader(adminToken)).expect(404);
    await api().post(`/api/admin/accounts/${agent.accountId}/mfa/reset`).set(authHeader(adminToken)).expect(204);

    expect((await api().get('/api/me').set(authHeader(tokens.accessToken)).expect(401)).body.code).toBe('SESSION_REVOKED');
    expect(await portal.db.manager.countBy(AccountMfa, { accountId: agent.accountId })).toBe(0);
    const audit = await portal.db.manager.findOneByOrFail(AuditEntry, { action: 'auth.mfa_reset', targetId: agent.accountId });
    expect(audit.actorId).toBe(admin.accountId);
    expect((await passwordStep(agent)).enrolmentRequired).toBe(true);
  });

  it('lets a resident turn it on; their next sign-in asks a code', async () => {
    const resident = await registerVerified(portal);
    const first = await passwordStep(resident);
    expect(first.accessToken).toBeDefined();
    const token = first.accessToken!;
    const enrolment = await api().post('/api/me/mfa/enrolment').set(authHeader(token)).expect(200);
    const secret = enrolment.body.secret as string;
    expect((await api().post('/api/me/mfa/enrolment/confirm').set(authHeader(token)).send({ code: totpCode(secret, Date.now() - 4 * STEP_MS) }).expect(401)).body.code).toBe('INVALID_MFA_CODE');
    const confirmed = await api().post('/api/me/mfa/enrolment/confirm').set(authHeader(token)).send({ code: totpCode(secret) }).expect(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    await api().post('/api/me/mfa/enrolment').set(authHeader(token)).expect(409);

    const next = await passwordStep({ email: resident.email, password: GOOD_PASSWORD });
    expect(next).toMatchObject({ mfaRequired: true, enrolmentRequired: false });
    await api().post('/api/auth/mfa/verify').send({ mfaToken: next.mfaToken, code: totpCode(secret, Date.now() + STEP_MS) }).expect(200);
    // A resident with a second factor is still no agent.
    expect((await api().get('/api/agent/requests').set(authHeader(token)).expect(403)).body.code).toBe('FORBIDDEN');

    // Erasing the account takes its second factor and recovery codes with it.
    await api().post('/api/me/erasure').set(authHeader(token)).send({ password: GOOD_PASSWORD }).expect((res) => expect(res.status).toBeLessThan(300));
    expect(await portal.db.manager.countBy(AccountMfa, { accountId: resident.accountId })).toBe(0);
    expect(await portal.db.manager.countBy(MfaRecoveryCode, { accountId: resident.accountId })).toBe(0);
  });
});
