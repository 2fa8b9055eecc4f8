import request from 'supertest';
import { AuditEntry } from '@portal/audit';
import { authHeader, createAccount, login, nextTotpCode, registerVerified, rememberTotpSecret } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

/** A resident's own second factor from the account page: its state, turning it on, turning it off. */
describe('My second factor (e2e)', () => {
  let portal: TestPortal;
  const api = () => request(portal.url);

  beforeAll(async () => {
    portal = await startTestPortal({ worker: true });
  });
  afterAll(() => portal?.close());

  it('a resident turns it on, then off with a current code or a recovery code — never with a wrong one', async () => {
    const marie = await registerVerified(portal);
    const token = (await login(portal, marie)).accessToken;
    expect((await api().get('/api/me/mfa').set(authHeader(token)).expect(200)).body).toEqual({ enabled: false, required: false });
    expect((await api().post('/api/me/mfa/disable').set(authHeader(token)).send({ code: '123456' })).body.code).toBe('MFA_NOT_ENABLED');

    const enrolment = await api().post('/api/me/mfa/enrolment').set(authHeader(token)).expect(200);
    rememberTotpSecret(marie.email, enrolment.body.secret as string);
    const confirmed = await api().post('/api/me/mfa/enrolment/confirm').set(authHeader(token)).send({ code: await nextTotpCode(portal, marie.email) }).expect(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect((await api().get('/api/me/mfa').set(authHeader(token)).expect(200)).body).toEqual({ enabled: true, required: false });

    const wrong = await api().post('/api/me/mfa/disable').set(authHeader(token)).send({ code: '000000' });
    expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 401, code: 'INVALID_MFA_CODE' });
    const both = await api().post('/api/me/mfa/disable').set(authHeader(token)).send({ code: '000000', recoveryCode: recoveryCodes[0] });
    expect({ status: both.status, code: both.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await api().get('/api/me/mfa').set(authHeader(token)).expect(200)).body.enabled).toBe(true);
    // With it on, a sign-in asks for a code.
    expect((await api().post('/api/auth/login').send({ email: marie.email, password: marie.password }).expect(200)).body.mfaRequired).toBe(true);

    await api().post('/api/me/mfa/disable').set(authHeader(token)).send({ recoveryCode: recoveryCodes[1].toUpperCase() }).expect(204);
    expect((await api().get('/api/me/mfa').set(authHeader(token)).expect(200)).body).toEqual({ enabled: false, required: false });
    expect((await api().post('/api/auth/login').send({ email: marie.email, password: marie.password }).expect(200)).body.accessToken).toEqual(expect.any(String));
    const actions = (await portal.db.manager.findBy(AuditEntry, { actorId: marie.accountId })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.mfa_enabled', 'auth.mfa_failed', 'auth.mfa_disabled']));

    // On again (a new secret), and off with a current code.
    const again = await api().post('/api/me/mfa/enrolment').set(authHeader(token)).expect(200);
    rememberTotpSecret(marie.email, again.body.secret as string);
    await api().post('/api/me/mfa/enrolment/confirm').set(authHeader(token)).send({ code: await nextTotpCode(portal, marie.email) }).expect(200);
    await api().post('/api/me/mfa/disable').set(authHeader(token)).send({ code: await nextTotpCode(portal, marie.email) }).expect(204);
  });

  it('staff cannot turn theirs off while it is required', async () => {
    const agent = await createAccount(portal, 'agent', 'DDET');
    const token = (await login(portal, agent)).accessToken;
    expect((await api().get('/api/me/mfa').set(authHeader(token)).expect(200)).body).toEqual({ enabled: true, required: true });
    const res = await api().post('/api/me/mfa/disable').set(authHeader(token)).send({ code: await nextTotpCode(portal, agent.email) });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'MFA_REQUIRED_FOR_STAFF' });
    expect((await api().get('/api/me/mfa').set(authHeader(token)).expect(200)).body.enabled).toBe(true);
  });
});
