import request from 'supertest';
import { AuditEntry } from '@portal/audit';
import { authHeader, Credentials, registerVerified } from './support/factories';
import { sessionIdOf } from './support/authorization-fixtures';
import { startTestPortal, TestPortal } from './support/test-portal';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

/** The sessions a person can see and end: their own only, the current one marked. */
describe('My sessions (e2e)', () => {
  let portal: TestPortal;
  const api = () => request(portal.url);

  // Following the verification link signs the person in (the web app lands them in their account):
  // that session is ended here, as if they had signed out there, so each test counts its own sign-ins.
  const verifiedPerson = async (): Promise<Credentials> => {
    const person = await registerVerified(portal);
    await portal.db.query(`UPDATE sessions SET revoked_at = now() WHERE account_id = $1`, [person.accountId]);
    return person;
  };

  const signIn = async (who: Credentials, userAgent: string): Promise<string> => {
    const res = await api().post('/api/auth/login').set('user-agent', userAgent).send({ email: who.email, password: who.password }).expect(200);
    return res.body.accessToken as string;
  };

  beforeAll(async () => {
    portal = await startTestPortal({ worker: true });
  });
  afterAll(() => portal?.close());

  it('lists my live sessions with their device and approximate times, the current one marked', async () => {
    const me = await verifiedPerson();
    const desk = await signIn(me, FIREFOX_WINDOWS);
    const phone = await signIn(me, SAFARI_IPHONE);
    const other = await verifiedPerson();
    await signIn(other, CHROME_ANDROID);

    const res = await api().get('/api/me/sessions').set(authHeader(desk)).expect(200);
    const sessions = res.body as Array<{ id: string; device: string; signedInAt: string; lastActiveAt: string; current: boolean; secondFactor: boolean }>;
    expect(sessions.map((s) => [s.device, s.current]).sort()).toEqual([
      ['Firefox sur Windows', true],
      ['Safari sur iPhone', false],
    ]);
    for (const s of sessions) {
      expect(new Date(s.signedInAt).getUTCSeconds()).toBe(0);
      expect(Math.abs(Date.now() - new Date(s.lastActiveAt).getTime())).toBeLessThan(5 * 60_000);
      expect(s.secondFactor).toBe(false);
    }
    expect(sessions.find((s) => s.current)?.id).toBe(sessionIdOf(desk));
    expect(sessions.map((s) => s.id)).toContain(sessionIdOf(phone));
  });

  it('ends one of my sessions, never someone else’s (404)', async () => {
    const me = await verifiedPerson();
    const desk = await signIn(me, FIREFOX_WINDOWS);
    const phone = await signIn(me, SAFARI_IPHONE);
    const other = await verifiedPerson();
    const theirs = await signIn(other, CHROME_ANDROID);

    expect((await api().delete(`/api/me/sessions/${sessionIdOf(theirs)}`).set(authHeader(desk)).expect(404)).body.code).toBe('NOT_FOUND');
    await api().delete('/api/me/sessions/pas-un-id').set(authHeader(desk)).expect(404);
    await api().get('/api/me').set(authHeader(theirs)).expect(200);

    await api().delete(`/api/me/sessions/${sessionIdOf(phone)}`).set(authHeader(desk)).expect(204);
    expect((await api().get('/api/me').set(authHeader(phone)).expect(401)).body.code).toBe('SESSION_REVOKED');
    await api().delete(`/api/me/sessions/${sessionIdOf(phone)}`).set(authHeader(desk)).expect(404);
    const left = await api().get('/api/me/sessions').set(authHeader(desk)).expect(200);
    expect((left.body as Array<{ id: string }>).map((s) => s.id)).toEqual([sessionIdOf(desk)]);
    expect(await portal.db.manager.countBy(AuditEntry, { action: 'auth.session_revoked', actorId: me.accountId, targetId: sessionIdOf(phone) })).toBe(1);
  });

  it('signs out every other session, keeping the current one', async () => {
    const me = await verifiedPerson();
    const desk = await signIn(me, FIREFOX_WINDOWS);
    const phone = await signIn(me, SAFARI_IPHONE);
    const tablet = await signIn(me, CHROME_ANDROID);
    const other = await verifiedPerson();
    const theirs = await signIn(other, CHROME_ANDROID);

    const res = await api().post('/api/me/sessions/revoke-others').set(authHeader(desk)).expect(200);
    expect(res.body).toEqual({ revoked: 2 });
    await api().get('/api/me').set(authHeader(desk)).expect(200);
    await api().get('/api/me').set(authHeader(phone)).expect(401);
    await api().get('/api/me').set(authHeader(tablet)).expect(401);
    await api().get('/api/me').set(authHeader(theirs)).expect(200);
    const audit = await portal.db.manager.findOneByOrFail(AuditEntry, { action: 'auth.other_sessions_revoked', actorId: me.accountId });
    expect(audit.details).toEqual({ count: 2 });
  });
});
