import request from 'supertest';
import { Business, BusinessMembership } from '@portal/businesses';
import { Request } from '@portal/requests';
import { attachPdf } from './support/documents';
import { authHeader, createAccount, createDraft, createService, login, registerVerified } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

describe('Personal data export (e2e)', () => {
  let portal: TestPortal;

  beforeAll(async () => {
    portal = await startTestPortal();
  });
  afterAll(() => portal?.close());

  it('gives a person everything held about them, and nothing about anyone else', async () => {
    const service = await createService(portal, { requiredDocuments: [{ type: 'justificatif', label: 'Justificatif', required: true }] });
    const me = await registerVerified(portal, { firstName: 'Canari', lastName: 'Export' });
    const other = await registerVerified(portal, { firstName: 'Autre', lastName: 'Personne' });
    const token = (await login(portal, me)).accessToken;
    const otherToken = (await login(portal, other)).accessToken;
    const agent = await login(portal, await createAccount(portal, 'agent', 'DEL'));

    const mine = await createDraft(portal, token, service.code);
    await attachPdf(portal, token, mine.id, 'justificatif');
    await request(portal.url).post(`/api/requests/${mine.id}/submit`).set(authHeader(token)).set('idempotency-key', `export-${mine.id}`).send({}).expect(200);
    await eventually(async () => (await portal.db.manager.findOneBy(Request, { id: mine.id }))?.status === 'in_review');
    await request(portal.url).post(`/api/agent/requests/${mine.id}/notes`).set(authHeader(agent.accessToken)).send({ body: 'NOTE-INTERNE-SECRETE' }).expect(201);
    await request(portal.url).post(`/api/agent/requests/${mine.id}/messages`).set(authHeader(agent.accessToken)).send({ body: 'Bonjour Canari' }).expect(201);
    await createDraft(portal, otherToken, service.code, { loyer: 77_777, commune: 'Yaté' });
    const business = portal.db.manager.create(Business, { rid: '1234567', ridet: '1234567003', legalName: 'Export SARL', registryStatus: 'active' });
    await portal.db.manager.insert(Business, business);
    await portal.db.manager.insert(BusinessMembership, { businessId: business.id, accountId: me.accountId, role: 'member', status: 'verified' });
    await eventually(async () => (await request(portal.url).get('/api/me/notifications').set(authHeader(token))).body.length >= 3);

    const res = await request(portal.url).get('/api/me/export').set(authHeader(token)).expect(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.body;
    expect(data.account).toMatchObject({ id: me.accountId, email: me.email, firstName: 'Canari' });
    expect(data.account).not.toHaveProperty('passwordHash');
    expect(data.businessLinks).toEqual([expect.objectContaining({ businessId: business.id, legalName: 'Export SARL', role: 'member', status: 'verified' })]);
    expect(data.requests.map((r: { id: string }) => r.id)).toEqual([mine.id]);
    const file = data.requests[0];
    // Their upload, and the receipt the portal issued if its job has run already.
    expect(file.documents.filter((d: { documentType: string }) => d.documentType !== 'recepisse_depot')).toEqual([expect.objectContaining({ documentType: 'justificatif', contentType: 'application/pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(file.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['created', 'document_added', 'submitted', 'routed', 'message_posted']));
    expect(file.messages).toEqual([expect.objectContaining({ from: 'agent', body: 'Bonjour Canari' })]);
    expect(data.notifications.length).toBeGreaterThanOrEqual(3);
    const text = JSON.stringify(data);
    expect(text).not.toContain('NOTE-INTERNE-SECRETE');
    expect(text).not.toContain(other.email);
    expect(text).not.toContain('77777');

    await request(portal.url).get('/api/me/export').expect(401);
  });

  it('shows a business file only while the mandate lives: after revocation, neither the file nor later messages (the link stays)', async () => {
    const service = await createService(portal, { directorateCode: 'DEL', applicantKinds: ['business'] });
    const me = await registerVerified(portal, { firstName: 'Ancien', lastName: 'Mandataire' });
    const rep = await registerVerified(portal, { firstName: 'Gérante', lastName: 'Restante' });
    const [token, repToken] = [(await login(portal, me)).accessToken, (await login(portal, rep)).accessToken];
    const agent = await login(portal, await createAccount(portal, 'agent', 'DEL'));
    const business = portal.db.manager.create(Business, { rid: '1234568', ridet: '1234568001', legalName: 'Révoquée SARL', registryStatus: 'active' });
    await portal.db.manager.insert(Business, business);
    const verified = { status: 'verified' as const, verifiedVia: 'daji' as const, verifiedAt: new Date() };
    await portal.db.manager.insert(BusinessMembership, { businessId: business.id, accountId: rep.accountId, role: 'legal_representative', ...verified });
    const mandate = portal.db.manager.create(BusinessMembership, { businessId: business.id, accountId: me.accountId, role: 'member', ...verified });
    await portal.db.manager.insert(BusinessMembership, mandate);
    const personal = await createDraft(portal, token, (await createService(portal)).code);

    const filed = await request(portal.url)
      .post('/api/requests')
      .set(authHeader(token))
      .send({ serviceCode: service.code, businessId: business.id, data: { loyer: 85_000, commune: 'Nouméa' } })
      .expect(201);
    const fileId = filed.body.id as string;
    await request(portal.url).post(`/api/requests/${fileId}/submit`).set(authHeader(token)).set('idempotency-key', `export-biz-${fileId}`).send({}).expect(200);
    await eventually(async () => (await portal.db.manager.findOneBy(Request, { id: fileId }))?.status === 'in_review');
    const message = (body: string) => request(portal.url).post(`/api/agent/requests/${fileId}/messages`).set(authHeader(agent.accessToken)).send({ body }).expect(201);
    const exported = async () => (await request(portal.url).get('/api/me/export').set(authHeader(token)).expect(200)).body;

    // While the mandate lives, the file and its messages are the person's to read.
    await message('MESSAGE-AVANT-REVOCATION');
    const live = await exported();
    expect(live.requests.map((r: { id: string }) => r.id)).toEqual([personal.id, fileId]);
    expect(live.requests[1].messages).toEqual([expect.objectContaining({ from: 'agent', body: 'MESSAGE-AVANT-REVOCATION' })]);

    await request(portal.url).delete(`/api/businesses/${business.id}/members/${mandate.id}`).set(authHeader(repToken)).expect(204);
    await message('MESSAGE-APRES-REVOCATION');
    await request(portal.url).get(`/api/requests/${fileId}`).set(authHeader(token)).expect(404);

    const after = await exported();
    expect(after.requests.map((r: { id: string }) => r.id)).toEqual([personal.id]);
    const text = JSON.stringify(after);
    expect(text).not.toContain(fileId);
    expect(text).not.toContain('MESSAGE-APRES-REVOCATION');
    expect(text).not.toContain('MESSAGE-AVANT-REVOCATION');
    // The mandate itself is the person's own data, ended or not.
    expect(after.businessLinks).toEqual([expect.objectContaining({ businessId: business.id, role: 'member', status: 'revoked' })]);
  });
});
