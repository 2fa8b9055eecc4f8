import request from 'supertest';
import { Business, BusinessMembership } from '@portal/businesses';
import { Request } from '@portal/requests';
import { authHeader, createAccount, createService, insertFile, login } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

/** What the back office reads beside the worklist: the team and its load, and a file's form, amount and mandate. */
describe('Agent team and file view (e2e)', () => {
  let portal: TestPortal;
  const api = () => request(portal.url);
  let applicantId: string;

  const file = (service: { id: string; code: string; directorateCode: string }, values: Partial<Request>): Promise<Request> => insertFile(portal, service, applicantId, values);

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false });
    applicantId = (await createAccount(portal, 'citizen')).accountId;
  });
  afterAll(() => portal?.close());

  it('lists the directorate’s active agents and supervisors with their open and overdue files, never another directorate’s', async () => {
    const service = await createService(portal, { directorateCode: 'DDET' });
    const agent = await createAccount(portal, 'agent', 'DDET');
    const colleague = await createAccount(portal, 'agent', 'DDET');
    const supervisor = await createAccount(portal, 'supervisor', 'DDET');
    const elsewhere = await createAccount(portal, 'agent', 'DEL');
    const day = 24 * 3600 * 1000;
    await file(service, { assigneeId: agent.accountId, dueAt: new Date(Date.now() - day) }); // open, overdue
    await file(service, { assigneeId: agent.accountId, dueAt: new Date(Date.now() + day) }); // open
    await file(service, { assigneeId: agent.accountId, status: 'approved', dueAt: new Date(Date.now() - day) }); // decided: no load
    await file(service, { assigneeId: colleague.accountId, status: 'awaiting_applicant', dueAt: new Date(Date.now() - day) });

    const token = (await login(portal, agent)).accessToken;
    const team = (await api().get('/api/agent/team').set(authHeader(token)).expect(200)).body as Array<{ id: string; role: string; openFiles: number; overdueFiles: number; directorateCode: string }>;
    const byId = new Map(team.map((m) => [m.id, m]));
    expect(byId.get(agent.accountId)).toMatchObject({ role: 'agent', directorateCode: 'DDET', openFiles: 2, overdueFiles: 1 });
    expect(byId.get(colleague.accountId)).toMatchObject({ openFiles: 1, overdueFiles: 1 });
    expect(byId.get(supervisor.accountId)).toMatchObject({ role: 'supervisor', openFiles: 0, overdueFiles: 0 });
    expect(byId.has(elsewhere.accountId)).toBe(false);
    expect(team.every((m) => m.directorateCode === 'DDET')).toBe(true);

    // An agent cannot widen the scope; an admin chooses one directorate or sees them all.
    const widened = (await api().get('/api/agent/team').query({ directorate: 'DEL' }).set(authHeader(token)).expect(200)).body as Array<{ id: string }>;
    expect(widened.some((m) => m.id === elsewhere.accountId)).toBe(false);
    const admin = (await login(portal, await createAccount(portal, 'admin'))).accessToken;
    const del = (await api().get('/api/agent/team').query({ directorate: 'DEL' }).set(authHeader(admin)).expect(200)).body as Array<{ id: string; directorateCode: string }>;
    expect(del.some((m) => m.id === elsewhere.accountId)).toBe(true);
    expect(del.every((m) => m.directorateCode === 'DEL')).toBe(true);
    await api().get('/api/agent/team').query({ directorate: 'XYZ' }).set(authHeader(admin)).expect(400);
  });

  it('gives the worklist the amount asked for on aid schemes, and the file view its form, documents and the filer’s mandate', async () => {
    const aid = await createService(portal, {
      directorateCode: 'DDET',
      formSchema: { version: 1, fields: [{ key: 'montant', type: 'amount_xpf', label: 'Montant demandé', required: true, max: 3_000_000, requestedAmount: true }] },
      requiredDocuments: [{ type: 'devis', label: 'Devis', required: true }],
    });
    const plain = await createService(portal, { directorateCode: 'DDET' });
    const business = portal.db.manager.create(Business, { rid: '1234567', ridet: '1234567009', legalName: 'Équipe SARL', registryStatus: 'active' });
    await portal.db.manager.insert(Business, business);
    await portal.db.manager.insert(BusinessMembership, {
      businessId: business.id,
      accountId: applicantId,
      role: 'legal_representative',
      status: 'verified',
      scopeDirectorates: ['DDET'],
      verifiedVia: 'daji',
      verifiedAt: new Date(),
    });
    const aidFile = await file(aid, { data: { montant: 1_500_000 }, businessId: business.id, reference: 'PS-2026-777001' });
    const plainFile = await file(plain, { data: { loyer: 85_000, commune: 'Nouméa' }, reference: 'PS-2026-777002' });

    const token = (await login(portal, await createAccount(portal, 'agent', 'DDET'))).accessToken;
    const list = (await api().get('/api/agent/requests').query({ q: 'PS-2026-777001' }).set(authHeader(token)).expect(200)).body as { items: Array<{ id: string; requestedAmountXpf: number | null }> };
    expect(list.items).toEqual([expect.objectContaining({ id: aidFile.id, requestedAmountXpf: 1_500_000 })]);
    const plainList = (await api().get('/api/agent/requests').query({ q: 'PS-2026-777002' }).set(authHeader(token)).expect(200)).body as { items: Array<{ requestedAmountXpf: number | null }> };
    expect(plainList.items[0].requestedAmountXpf).toBeNull();

    const view = (await api().get(`/api/agent/requests/${aidFile.id}`).set(authHeader(token)).expect(200)).body as {
      service: { formSchema: { fields: Array<{ key: string; label: string }> }; requiredDocuments: Array<{ type: string; label: string }>; requestedAmountField: string };
      mandate: { role: string; status: string; live: boolean; scopeDirectorates: string[] } | null;
      request: { business: { legalName: string } };
    };
    expect(view.service.formSchema.fields[0]).toMatchObject({ key: 'montant', label: 'Montant demandé' });
    expect(view.service.requiredDocuments).toEqual([expect.objectContaining({ type: 'devis', label: 'Devis' })]);
    expect(view.service.requestedAmountField).toBe('montant');
    expect(view.request.business.legalName).toBe('Équipe SARL');
    expect(view.mandate).toMatchObject({ role: 'legal_representative', status: 'verified', live: true, scopeDirectorates: ['DDET'] });

    // A revoked mandate is shown as it stands; a person's own file has none.
    await portal.db.manager.update(BusinessMembership, { businessId: business.id, accountId: applicantId }, { status: 'revoked', endedAt: new Date() });
    const revoked = (await api().get(`/api/agent/requests/${aidFile.id}`).set(authHeader(token)).expect(200)).body as { mandate: { status: string; live: boolean } };
    expect(revoked.mandate).toMatchObject({ status: 'revoked', live: false });
    const own = (await api().get(`/api/agent/requests/${plainFile.id}`).set(authHeader(token)).expect(200)).body as { mandate: unknown };
    expect(own.mandate).toBeNull();
  });
});
