import request from 'supertest';
import { Request } from '@portal/requests';
import { authHeader, createAccount, createService, insertFile, login } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

describe('Agent worklist and assignment (e2e)', () => {
  let portal: TestPortal;
  const api = () => request(portal.url);
  let applicantId: string;

  const file = (service: { id: string; code: string; directorateCode: string }, values: Partial<Request>): Promise<Request> => insertFile(portal, service, applicantId, values);

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false });
    applicantId = (await createAccount(portal, 'citizen')).accountId;
  });
  afterAll(() => portal?.close());

  it('pages through the directorate by due date with a keyset cursor, each file once, in order', async () => {
    const service = await createService(portal, { directorateCode: 'DDET' });
    const other = await createService(portal, { directorateCode: 'DEL' });
    const agent = await login(portal, await createAccount(portal, 'agent', 'DDET'));
    const day = 24 * 3600 * 1000;
    const mine: string[] = [];
    for (let i = 0; i < 23; i++) {
      mine.push((await file(service, { dueAt: new Date(Date.now() + ((i * 7) % 23) * day), reference: `PS-2026-9${String(i).padStart(5, '0')}` })).id);
    }
    mine.push((await file(service, { dueAt: null })).id); // no due date: last
    await file(other, { dueAt: new Date() }); // another directorate: never listed

    const seen: Array<{ id: string; dueAt: string | null }> = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await api()
        .get('/api/agent/requests')
        .query({ service: service.code, limit: 5, ...(cursor ? { cursor } : {}) })
        .set(authHeader(agent.accessToken))
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.body.items.map((i: { id: string; deadline: { dueAt: string } | null }) => ({ id: i.id, dueAt: i.deadline?.dueAt ?? null })));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.map((s) => s.id).sort()).toEqual([...mine].sort());
    const dues = seen.map((s) => (s.dueAt ? Date.parse(s.dueAt) : Infinity));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    await api().get('/api/agent/requests').query({ cursor: 'pas-un-curseur' }).set(authHeader(agent.accessToken)).expect(400);
  });

  it('filters by search, overdue and assignee, and lets admins see every directorate', async () => {
    const service = await createService(portal, { directorateCode: 'DAJI' });
    const agentAccount = await createAccount(portal, 'agent', 'DAJI');
    const agent = await login(portal, agentAccount);
    const admin = await login(portal, await createAccount(portal, 'admin'));
    const late = await file(service, { dueAt: new Date(Date.now() - 3600_000), reference: 'PS-2026-777777', applicantName: 'Éloïse Wamytan' });
    const assigned = await file(service, { dueAt: new Date(Date.now() + 3600_000), assigneeId: agentAccount.accountId });

    const list = async (token: string, query: Record<string, string>) =>
      (await api().get('/api/agent/requests').query(query).set(authHeader(token)).expect(200)).body.items.map((i: { id: string }) => i.id);
    expect(await list(agent.accessToken, { q: 'ps-2026-777777' })).toEqual([late.id]);
    expect(await list(agent.accessToken, { q: 'wamytan' })).toEqual([late.id]);
    expect(await list(agent.accessToken, { q: '%' })).toEqual([]);
    expect(await list(agent.accessToken, { service: service.code, overdue: 'true' })).toEqual([late.id]);
    expect(await list(agent.accessToken, { service: service.code, assignee: 'me' })).toEqual([assigned.id]);
    expect(await list(agent.accessToken, { service: service.code, assignee: 'none' })).toEqual([late.id]);
    expect((await list(admin.accessToken, { service: service.code })).sort()).toEqual([late.id, assigned.id].sort());
    expect(await list(admin.accessToken, { service: service.code, directorate: 'DEL' })).toEqual([]);
    await api().get('/api/agent/requests').query({ limit: '1000' }).set(authHeader(agent.accessToken)).expect(400);
    await api().get('/api/agent/requests').query({ unknown: 'x' }).set(authHeader(agent.accessToken)).expect(400);
  });

  it('lets an agent claim a file, only supervisors assign colleagues, and only within the directorate', async () => {
    const service = await createService(portal, { directorateCode: 'DEL' });
    const agentA = await createAccount(portal, 'agent', 'DEL');
    const agentB = await createAccount(portal, 'agent', 'DEL');
    const outsider = await createAccount(portal, 'agent', 'DDET');
    const supervisor = await login(portal, await createAccount(portal, 'supervisor', 'DEL'));
    const a = await login(portal, agentA);
    const target = await file(service, {});

    const claimed = await api().post(`/api/agent/requests/${target.id}/assign`).set(authHeader(a.accessToken)).send({ expectedVersion: 1 }).expect(200);
    expect(claimed.body.assigneeId).toBe(agentA.accountId);
    const refused = await api().post(`/api/agent/requests/${target.id}/assign`).set(authHeader(a.accessToken)).send({ assigneeId: agentB.accountId, expectedVersion: claimed.body.version }).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    await api().post(`/api/agent/requests/${target.id}/assign`).set(authHeader(supervisor.accessToken)).send({ assigneeId: outsider.accountId, expectedVersion: claimed.body.version }).expect(400);
    await api().post(`/api/agent/requests/${target.id}/assign`).set(authHeader(supervisor.accessToken)).send({ assigneeId: agentB.accountId, expectedVersion: 1 }).expect(409);
    const reassigned = await api().post(`/api/agent/requests/${target.id}/assign`).set(authHeader(supervisor.accessToken)).send({ assigneeId: agentB.accountId, expectedVersion: claimed.body.version }).expect(200);
    expect(reassigned.body.assigneeId).toBe(agentB.accountId);
    const view = await api().get(`/api/agent/requests/${target.id}`).set(authHeader(supervisor.accessToken)).expect(200);
    expect(view.body.events.filter((e: { type: string; visibility: string }) => e.type === 'assigned').every((e: { visibility: string }) => e.visibility === 'internal')).toBe(true);
  });
});
