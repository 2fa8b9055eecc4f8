import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import request from 'supertest';
import { Business, BusinessMembership, FixtureBusinessRegistry } from '@portal/businesses';
import { Ridet } from '@portal/common';
import { Request } from '@portal/requests';
import { authHeader, createAccount, login, registerVerified } from './support/factories';
import { attachPdf } from './support/documents';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';
import { unlabelledHistoryTypes } from './support/business-history';

const DEMO_RIDET = '1 234 567 001';
const PROJECT = "Création d'un atelier de menuiserie à Païta, avec deux emplois à temps plein et un apprenti formé sur place dès la première année d'activité.";

/** A companies register over HTTP, serving the shipped fixture, that can be switched off. */
class FakeRegistry {
  down = false;
  readonly server: Server;
  private readonly fixture = new FixtureBusinessRegistry();

  constructor() {
    this.server = createServer((req, res) => {
      const ridet = /^\/ridet\/(\d+)$/.exec(req.url ?? '')?.[1];
      if (this.down || !ridet) {
        res.writeHead(503).end();
        return;
      }
      void this.fixture.lookup(Ridet.parse(ridet)).then((entry) => {
        res.writeHead(entry ? 200 : 404, { 'content-type': 'application/json' }).end(entry ? JSON.stringify(entry) : '');
      });
    });
  }

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }
}

describe('Business links and filing on behalf of a business (e2e, worker running)', () => {
  let portal: TestPortal;
  const registry = new FakeRegistry();
  const api = () => request(portal.url);

  beforeAll(async () => {
    portal = await startTestPortal({ env: { BUSINESS_REGISTRY_URL: await registry.start(), JOB_ATTEMPTS: '20' } });
  });
  afterAll(async () => {
    await portal?.close();
    registry.server.close();
  });

  async function inReview(id: string): Promise<Request> {
    return eventually(async () => {
      const r = await portal.db.manager.findOneBy(Request, { id });
      return r?.status === 'in_review' ? r : null;
    }, 15_000, `file ${id} in review`);
  }

  /** A verified legal representative of the demo business, through the DAJI path. */
  async function linkThroughDaji(): Promise<{ token: string; accountId: string; businessId: string }> {
    const user = await registerVerified(portal, { firstName: 'Sylvie', lastName: 'Ounou' });
    const { accessToken } = await login(portal, user);
    const link = await api().post('/api/me/business-links').set(authHeader(accessToken)).send({ ridet: DEMO_RIDET, role: 'legal_representative' }).expect(201);
    expect(link.body).toMatchObject({ status: 'pending', role: 'legal_representative', ridet: '1 234 567 001', legalName: 'Société Calédonienne de Démonstration', registryStatus: 'active' });
    await attachPdf(portal, accessToken, link.body.requestId, 'justificatif_pouvoir');
    await api().post(`/api/requests/${link.body.requestId}/submit`).set(authHeader(accessToken)).set('idempotency-key', `link-${link.body.requestId}`).send({}).expect(200);
    const file = await inReview(link.body.requestId);

    const daji = await login(portal, await createAccount(portal, 'agent', 'DAJI'));
    // Pending: no access to the business's files yet.
    await api().get(`/api/businesses/${link.body.businessId}/requests`).set(authHeader(accessToken)).expect(404);
    await api().post(`/api/agent/requests/${file.id}/transition`).set(authHeader(daji.accessToken)).send({ action: 'approve', expectedVersion: file.version }).expect(200);
    const membership = await portal.db.manager.findOneByOrFail(BusinessMembership, { id: link.body.membershipId });
    expect(membership).toMatchObject({ status: 'verified', verifiedVia: 'daji' });
    return { token: accessToken, accountId: user.accountId, businessId: link.body.businessId };
  }

  it('verifies a link when DAJI approves its file, then the member files an aid request for the business that a colleague follows', async () => {
    const rep = await linkThroughDaji();
    await api().get(`/api/businesses/${rep.businessId}/requests`).set(authHeader(rep.token)).expect(200);

    // A colleague with a mandate scoped to DDET.
    const colleague = await registerVerified(portal, { firstName: 'Marc' });
    await portal.db.manager.insert(BusinessMembership, { businessId: rep.businessId, accountId: colleague.accountId, role: 'member', status: 'verified', scopeDirectorates: ['DDET'], verifiedVia: 'business_admin', verifiedAt: new Date() });
    const colleagueToken = (await login(portal, colleague)).accessToken;

    const draft = await api()
      .post('/api/requests')
      .set(authHeader(rep.token))
      .send({ serviceCode: 'DDET-CREATION-ENTREPRISE', businessId: rep.businessId, data: { montant_demande: 2_500_000, description_projet: PROJECT, emplois_crees: 2, commune_implantation: 'Païta', date_debut_activite: '2026-01-15' } })
      .expect(201);
    // The business's RIDET is not asked again.
    expect(draft.body.data.ridet).toBe('1234567001');
    expect(draft.body.business).toMatchObject({ ridet: '1 234 567 001', legalName: 'Société Calédonienne de Démonstration' });
    for (const type of ['business_plan', 'devis', 'rib']) await attachPdf(portal, rep.token, draft.body.id, type);
    await api().post(`/api/requests/${draft.body.id}/submit`).set(authHeader(rep.token)).set('idempotency-key', `aid-${draft.body.id}`).send({}).expect(200);
    const file = await inReview(draft.body.id);

    // The colleague follows it: the file, the business's list, the timeline with who acted.
    await api().get(`/api/requests/${file.id}`).set(authHeader(colleagueToken)).expect(200);
    const list = await api().get(`/api/businesses/${rep.businessId}/requests`).set(authHeader(colleagueToken)).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(file.id);
    const timeline = await api().get(`/api/requests/${file.id}/timeline`).set(authHeader(colleagueToken)).expect(200);
    expect(timeline.body.find((e: { type: string }) => e.type === 'submitted')).toMatchObject({ by: 'applicant', actorAccountId: rep.accountId });

    // The agent sees who the business is; approving an aid records the amount granted, within the ceiling.
    const ddet = await login(portal, await createAccount(portal, 'agent', 'DDET'));
    const agentView = await api().get(`/api/agent/requests/${file.id}`).set(authHeader(ddet.accessToken)).expect(200);
    expect(agentView.body.request.business).toMatchObject({ legalName: 'Société Calédonienne de Démonstration', legalForm: 'SARL', registryStatus: 'active' });
    const approve = (body: object) => api().post(`/api/agent/requests/${file.id}/transition`).set(authHeader(ddet.accessToken)).send({ action: 'approve', expectedVersion: file.version, ...body });
    expect((await approve({}).expect(400)).body.details[0]).toMatchObject({ field: 'grantedAmountXpf', code: 'REQUIRED' });
    expect((await approve({ grantedAmountXpf: 3_000_001 }).expect(400)).body.details[0].code).toBe('TOO_LARGE');
    await approve({ grantedAmountXpf: 2_000_000 }).expect(200);
    const seen = await api().get(`/api/requests/${file.id}`).set(authHeader(colleagueToken)).expect(200);
    expect(seen.body).toMatchObject({ status: 'approved', grantedAmountXpf: 2_000_000 });

    // Both members are told.
    for (const token of [rep.token, colleagueToken]) {
      await eventually(async () => {
        const res = await api().get('/api/me/notifications').set(authHeader(token)).expect(200);
        return res.body.some((n: { body: string }) => /Montant accordé : 2\D000\D000/.test(n.body));
      }, 15_000, 'the approval notification');
    }
  });

  it('refuses members out of scope, non-members, and a revoked member at once', async () => {
    const rep = await linkThroughDaji();
    const delOnly = await registerVerified(portal);
    await portal.db.manager.insert(BusinessMembership, { businessId: rep.businessId, accountId: delOnly.accountId, role: 'member', status: 'verified', scopeDirectorates: ['DEL'] });
    const delToken = (await login(portal, delOnly)).accessToken;
    const refused = await api().post('/api/requests').set(authHeader(delToken)).send({ serviceCode: 'DDET-CREATION-ENTREPRISE', businessId: rep.businessId }).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');

    const stranger = (await login(portal, await registerVerified(portal))).accessToken;
    expect((await api().post('/api/requests').set(authHeader(stranger)).send({ serviceCode: 'DDET-CREATION-ENTREPRISE', businessId: rep.businessId }).expect(404)).body.code).toBe('BUSINESS_NOT_FOUND');
    await api().get(`/api/businesses/${rep.businessId}/requests`).set(authHeader(stranger)).expect(404);
    // A person-only service cannot be filed for a business, nor a business-only service as a person.
    await api().post('/api/requests').set(authHeader(rep.token)).send({ serviceCode: 'DEL-AIDE-LOGEMENT', businessId: rep.businessId }).expect(422);
    await api().post('/api/requests').set(authHeader(rep.token)).send({ serviceCode: 'DDET-CREATION-ENTREPRISE' }).expect(422);

    const draft = await api().post('/api/requests').set(authHeader(rep.token)).send({ serviceCode: 'DDET-INVEST-TOURISME', businessId: rep.businessId }).expect(201);
    const colleague = await registerVerified(portal);
    const membership = await portal.db.manager.save(BusinessMembership, portal.db.manager.create(BusinessMembership, { businessId: rep.businessId, accountId: colleague.accountId, role: 'member', status: 'verified' }));
    const colleagueToken = (await login(portal, colleague)).accessToken;
    await api().get(`/api/requests/${draft.body.id}`).set(authHeader(colleagueToken)).expect(200);
    await portal.db.manager.update(BusinessMembership, { id: membership.id }, { status: 'revoked', endedAt: new Date() });
    await api().get(`/api/requests/${draft.body.id}`).set(authHeader(colleagueToken)).expect(404);
    await api().get(`/api/requests/${draft.body.id}/timeline`).set(authHeader(colleagueToken)).expect(404);
    await api().get(`/api/businesses/${rep.businessId}/requests`).set(authHeader(colleagueToken)).expect(404);
    // An expired mandate too.
    await portal.db.manager.update(BusinessMembership, { accountId: delOnly.accountId }, { expiresAt: new Date(Date.now() - 1000) });
    await api().get(`/api/businesses/${rep.businessId}/requests`).set(authHeader(delToken)).expect(404);
  });

  it('refuses unknown and struck-off RIDETs, malformed ones, and a second live link', async () => {
    const { accessToken } = await login(portal, await registerVerified(portal));
    const link = (ridet: string) => api().post('/api/me/business-links').set(authHeader(accessToken)).send({ ridet, role: 'delegate' });
    expect((await link('9 999 999 001').expect(404)).body.code).toBe('BUSINESS_UNKNOWN');
    expect((await link('7 654 321 001').expect(422)).body.code).toBe('BUSINESS_STRUCK_OFF');
    expect((await link('12AB').expect(400)).body.details[0].field).toBe('ridet');
    const first = await link('1234567').expect(201);
    expect(first.body).toMatchObject({ ridet: '1 234 567 001', role: 'member' });
    expect((await link('1.234.567.001').expect(409)).body.code).toBe('LINK_EXISTS');
  });

  it('accepts a link while the registry is down and checks it later, without losing it', async () => {
    const { accessToken } = await login(portal, await registerVerified(portal));
    registry.down = true;
    const link = await api().post('/api/me/business-links').set(authHeader(accessToken)).send({ ridet: '1 234 567 002', role: 'delegate' }).expect(201);
    expect(link.body).toMatchObject({ status: 'pending', registryStatus: 'unknown', legalName: null });
    await new Promise((r) => setTimeout(r, 1_500)); // the check job fails and is retried meanwhile
    expect((await portal.db.manager.findOneByOrFail(Business, { id: link.body.businessId })).registryStatus).toBe('unknown');
    registry.down = false;
    const checked = await eventually(async () => {
      const b = await portal.db.manager.findOneByOrFail(Business, { id: link.body.businessId });
      return b.registryStatus === 'active' ? b : null;
    }, 30_000, 'the registry check');
    expect(checked).toMatchObject({ legalName: 'Société Calédonienne de Démonstration', commune: 'Païta' });
    expect(await portal.db.manager.findOneByOrFail(BusinessMembership, { id: link.body.membershipId })).toMatchObject({ status: 'pending' });
  });

  it('wrote business history only with types that have a French label', async () => {
    expect(await unlabelledHistoryTypes(portal)).toEqual([]);
  });
});
