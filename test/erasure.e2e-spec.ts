import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Account, normaliseEmail } from '@portal/accounts';
import { AuditEntry } from '@portal/audit';
import { LinkedIdentity } from '@portal/auth';
import { Business, BusinessMembership } from '@portal/businesses';
import { Request, RequestDocument } from '@portal/requests';
import { attachPdf } from './support/documents';
import { authHeader, createAccount, createDraft, createService, GOOD_PASSWORD, login, registerVerified, uniqueEmail } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

/**
 * POST /api/me/erasure against the real app, database, worker and SMTP: what goes, what the province
 * keeps (pseudonymised), and that nothing of the person's identity is left anywhere in the database.
 */
describe('Right to erasure (e2e)', () => {
  let portal: TestPortal;
  const storageDir = mkdtempSync(join(tmpdir(), 'portal-erasure-'));

  beforeAll(async () => {
    portal = await startTestPortal({ env: { STORAGE_DIR: storageDir } });
  });
  afterAll(async () => {
    await portal?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  const api = () => request(portal.url);
  const erase = (token: string, body: object) => api().post('/api/me/erasure').set(authHeader(token)).send(body);
  const status = (id: string) => portal.db.manager.findOneBy(Request, { id }).then((r) => r?.status);

  /** Tables (audit log included) whose rows mention any of these strings, case-insensitively. */
  async function tablesMentioning(values: string[]): Promise<string[]> {
    const tables = (await portal.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)) as Array<{ tablename: string }>;
    const found: string[] = [];
    for (const { tablename } of tables) {
      const [{ n }] = (await portal.db.query(`SELECT count(*)::int AS n FROM "${tablename}" x WHERE x::text ILIKE ANY($1)`, [values.map((v) => `%${v}%`)])) as [{ n: number }];
      if (n > 0) found.push(tablename);
    }
    return found;
  }

  it('counts wrong erasure passwords with failed logins: past the limit, neither erasure nor login is tried', async () => {
    const me = await registerVerified(portal);
    const { accessToken: token } = await login(portal, me);
    for (let i = 0; i < 10; i++) await erase(token, { password: `faux ${i}` }).expect(403); // LOGIN_MAX_FAILURES_PER_ACCOUNT
    const refused = await erase(token, { password: GOOD_PASSWORD }).expect(429);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await portal.db.manager.findOneByOrFail(Account, { id: me.accountId })).status).toBe('active');
    await api().post('/api/auth/login').send({ email: me.email, password: GOOD_PASSWORD }).expect(429);
  });

  it('erases a resident: signed out everywhere, identity gone, submitted files kept under a pseudonym', async () => {
    const unique = randomBytes(4).toString('hex');
    const identity = { firstName: 'Canari', lastName: `Effacement${unique}`, email: uniqueEmail(`efface.${unique}`) };
    const phone = `+6872${randomInt(10_000, 99_999)}`;
    const address = `${randomInt(1, 999)} rue du Canari ${unique}`;
    const service = await createService(portal, { requiredDocuments: [{ type: 'justificatif', label: 'Justificatif', required: true }] });
    const businessService = await createService(portal, { applicantKinds: ['business'] });
    const agent = await login(portal, await createAccount(portal, 'agent', 'DEL'));

    const me = await registerVerified(portal, identity);
    const session = await login(portal, me);
    const token = session.accessToken;
    await api().patch('/api/me').set(authHeader(token)).send({ phone, addressLine1: address, postcode: '98800', commune: 'Nouméa', birthDate: '1980-05-17' }).expect(200);

    // A file submitted and taken in, with a document and a message from the directorate.
    const file = await createDraft(portal, token, service.code);
    await attachPdf(portal, token, file.id, 'justificatif');
    await api().post(`/api/requests/${file.id}/submit`).set(authHeader(token)).set('idempotency-key', `erasure-${file.id}`).send({}).expect(200);
    await eventually(async () => (await status(file.id)) === 'in_review');
    await api().post(`/api/agent/requests/${file.id}/messages`).set(authHeader(agent.accessToken)).send({ body: 'Nous examinons votre demande.' }).expect(201);
    // A draft never submitted, with a document.
    const draft = await createDraft(portal, token, service.code);
    await attachPdf(portal, token, draft.id, 'justificatif');
    const draftDocument = await portal.db.manager.findOneByOrFail(RequestDocument, { requestId: draft.id });
    expect(existsSync(join(storageDir, draftDocument.storageKey))).toBe(true);

    // A business I am a verified member of (with a draft filed for it), and one whose manager invites me.
    const rep = await registerVerified(portal, { firstName: 'Gérante' });
    const repToken = (await login(portal, rep)).accessToken;
    const [mine, inviting] = [randomInt(1_000_000, 9_999_999), randomInt(1_000_000, 9_999_999)].map((rid, i) =>
      portal.db.manager.create(Business, { rid: String(rid), ridet: `${rid}001`, legalName: `Effacement ${i ? 'Invite' : 'Membre'} SARL`, registryStatus: 'active' }),
    ) as [Business, Business];
    await portal.db.manager.insert(Business, [mine, inviting]);
    const verified = { status: 'verified' as const, verifiedVia: 'business_admin' as const, verifiedAt: new Date() };
    await portal.db.manager.insert(BusinessMembership, [
      { businessId: mine.id, accountId: rep.accountId, role: 'legal_representative', ...verified },
      { businessId: mine.id, accountId: me.accountId, role: 'member', ...verified },
      { businessId: inviting.id, accountId: rep.accountId, role: 'legal_representative', ...verified },
    ]);
    const businessDraft = await api().post('/api/requests').set(authHeader(token)).send({ serviceCode: businessService.code, businessId: mine.id, data: { loyer: 1000, commune: 'Thio' } }).expect(201);
    await api().post(`/api/businesses/${inviting.id}/invitations`).set(authHeader(repToken)).send({ email: me.email, role: 'member' }).expect(201);
    await portal.smtp.waitFor((m) => m.to.includes(me.email) && /Invitation/.test(m.subject));
    await eventually(async () => (await api().get('/api/me/notifications').set(authHeader(token))).body.length >= 2);

    // An identity at a provider, linked with the address: signing in with it must not find the erased account.
    await portal.db.manager.insert(LinkedIdentity, { accountId: me.accountId, provider: 'test', subject: `sujet-${me.accountId}`, email: normaliseEmail(me.email) });

    // Someone else, whose data must not move.
    const other = await registerVerified(portal, { firstName: 'Autre' });
    const otherToken = (await login(portal, other)).accessToken;
    await createDraft(portal, otherToken, service.code);
    const exportOf = async (t: string) => {
      const { exportedAt: _, ...rest } = (await api().get('/api/me/export').set(authHeader(t)).expect(200)).body as Record<string, unknown>;
      return rest;
    };
    const otherBefore = await exportOf(otherToken);
    for (const value of [identity.lastName, me.email, phone, address]) expect([value, await tablesMentioning([value])]).not.toEqual([value, []]);

    // Refusals change nothing: no password, a wrong one, a staff member's own account.
    expect((await erase(token, {}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await erase(token, { password: `${GOOD_PASSWORD} ?` }).expect(403)).body).toMatchObject({ code: 'WRONG_PASSWORD', message: expect.any(String) });
    expect((await erase(agent.accessToken, { password: GOOD_PASSWORD }).expect(403)).body.code).toBe('ERASURE_NOT_ALLOWED');
    expect((await portal.db.manager.findOneByOrFail(Account, { id: me.accountId })).status).toBe('active');
    await api().get('/api/me').set(authHeader(token)).expect(200);

    // Twice at once: one erases, the other finds no account left (a clean 401, nothing done twice).
    const calls = await Promise.all([erase(token, { password: GOOD_PASSWORD }), erase(token, { password: GOOD_PASSWORD })]);
    expect(calls.map((c) => c.status).sort()).toEqual([200, 401]);
    const erased = calls.find((c) => c.status === 200)!;
    expect(erased.body).toEqual({ erasedAt: expect.any(String), draftsDeleted: 1, filesKept: 2, mandatesEnded: 1 });
    expect(String(erased.headers['set-cookie'])).toMatch(/portal_access=;/);

    // Signed out everywhere at once; a second call is a clean 401; the refresh token is dead.
    expect((await api().get('/api/me').set(authHeader(token)).expect(401)).body.code).toBe('SESSION_REVOKED');
    expect((await erase(token, { password: GOOD_PASSWORD }).expect(401)).body.code).toBe('SESSION_REVOKED');
    await api().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    // Signing in answers exactly what a wrong password does: the address reveals nothing.
    const asErased = await api().post('/api/auth/login').send({ email: me.email, password: GOOD_PASSWORD }).expect(401);
    const wrong = await api().post('/api/auth/login').send({ email: rep.email, password: `${GOOD_PASSWORD} ?` }).expect(401);
    expect({ code: asErased.body.code, message: asErased.body.message }).toEqual({ code: wrong.body.code, message: wrong.body.message });

    // The account: a pseudonym, no way in, nothing personal.
    const account = await portal.db.manager.findOneOrFail(Account, { where: { id: me.accountId }, select: { id: true, email: true, passwordHash: true, status: true, firstName: true, lastName: true, phone: true, addressLine1: true, birthDate: true, postcode: true, commune: true } });
    expect(account).toMatchObject({ status: 'erased', passwordHash: '!', firstName: 'Usager', phone: null, addressLine1: null, birthDate: null, postcode: null, commune: null });
    expect(account.email).toMatch(/^efface-[0-9a-f-]{36}@invalid$/);
    const pseudonym = `Usager ${account.lastName}`;
    expect(pseudonym).toMatch(/^Usager effacé [0-9a-f]{8}$/);
    for (const table of ['sessions', 'account_tokens', 'notifications', 'idempotency_keys']) {
      expect([table, Number((await portal.db.query(`SELECT count(*) FROM ${table} WHERE account_id = $1`, [me.accountId]))[0].count)]).toEqual([table, 0]);
    }
    expect(Number((await portal.db.query(`SELECT count(*) FROM refresh_tokens`))[0].count)).toBeGreaterThan(0); // others' remain
    expect(await portal.db.manager.findOneByOrFail(BusinessMembership, { businessId: mine.id, accountId: me.accountId })).toMatchObject({ status: 'revoked', endedAt: expect.any(Date) });

    // The draft and its bytes are gone; the submitted file, its document and timeline stay.
    expect(await portal.db.manager.findOneBy(Request, { id: draft.id })).toBeNull();
    expect(existsSync(join(storageDir, draftDocument.storageKey))).toBe(false);
    expect(await portal.db.manager.findOneByOrFail(Request, { id: file.id })).toMatchObject({ status: 'in_review', applicantName: pseudonym, applicantAccountId: me.accountId });
    expect(await portal.db.manager.findOneByOrFail(Request, { id: businessDraft.body.id as string })).toMatchObject({ status: 'draft', applicantName: `Effacement Membre SARL (${pseudonym})` });

    // The agent still instructs the file, which names nobody; the old name finds nothing.
    const seen = (await api().get(`/api/agent/requests/${file.id}`).set(authHeader(agent.accessToken)).expect(200)).body;
    expect(seen.request).toMatchObject({ id: file.id, applicantName: pseudonym, status: 'in_review' });
    expect(seen.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['created', 'submitted', 'routed', 'message_posted']));
    expect(seen.messages).toEqual([expect.objectContaining({ body: 'Nous examinons votre demande.' })]);
    const kept = (await api().get(`/api/requests/${file.id}/documents`).set(authHeader(agent.accessToken)).expect(200)).body as Array<{ origin: string }>;
    expect(kept.filter((d) => d.origin === 'upload')).toHaveLength(1);
    expect((await api().get('/api/agent/requests').query({ q: identity.lastName }).set(authHeader(agent.accessToken)).expect(200)).body.items).toEqual([]);

    // Nothing in the whole database names the person any more: not a table, not the audit log.
    expect(await tablesMentioning([identity.lastName, me.email, phone, address])).toEqual([]);
    const audit = await portal.db.manager.findBy(AuditEntry, { action: 'account.erased', actorId: me.accountId });
    expect(audit.map((a) => a.details)).toEqual([{ draftsDeleted: 1, filesKept: 2, mandatesEnded: 1 }]);

    // Someone else's data did not move.
    expect(await exportOf(otherToken)).toEqual(otherBefore);

    // The address is free again: a new account, with nothing of the old one.
    portal.smtp.received.length = 0; // the first account's verification email would match first
    const again = await registerVerified(portal, { email: me.email, firstName: 'Nouvelle' });
    expect(again.accountId).not.toBe(me.accountId);
    const againToken = (await login(portal, again)).accessToken;
    expect((await api().get('/api/requests').set(authHeader(againToken)).expect(200)).body.items).toEqual([]);
  });
});
