import request from 'supertest';
import { Business, BusinessMembership, MembershipRole } from '@portal/businesses';
import { Request } from '@portal/requests';
import { authHeader, createAccount, createService, Credentials, login, registerVerified } from './support/factories';
import { SseFrame, SseStreams } from './support/sse-client';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

const types = (frames: SseFrame[]) => frames.filter((f) => f.id).map((f) => f.event);

/**
 * A mandate past its end date is no mandate, on every path that asks "does this account hold a
 * live mandate on this business": the file, the business's files, the live stream, the business
 * profile and members, the personal-data export, and intake's conflict-of-interest check (where
 * an expired mandate no longer keeps the agent away from the business's files).
 */
describe('Expired mandates (e2e, worker running)', () => {
  let portal: TestPortal;
  const api = () => request(portal.url);
  const streams = new SseStreams(() => portal.url);
  const open = (path: string, headers: Record<string, string>) => streams.connect(path, headers);
  let ridetSeq = 100;

  beforeAll(async () => {
    portal = await startTestPortal();
  });
  afterAll(async () => {
    streams.closeAll();
    await portal?.close();
  });

  async function createBusiness(): Promise<Business> {
    const business = portal.db.manager.create(Business, { rid: '1234569', ridet: `1234569${ridetSeq++}`, legalName: 'Échue SARL', registryStatus: 'active' });
    await portal.db.manager.insert(Business, business);
    return business;
  }
  async function addMember(business: Business, accountId: string, role: MembershipRole): Promise<BusinessMembership> {
    const membership = portal.db.manager.create(BusinessMembership, { businessId: business.id, accountId, role, status: 'verified', verifiedVia: 'daji', verifiedAt: new Date() });
    await portal.db.manager.insert(BusinessMembership, membership);
    return membership;
  }
  const expire = (membership: BusinessMembership) => portal.db.manager.update(BusinessMembership, { id: membership.id }, { expiresAt: new Date(Date.now() - 1000) });

  /** A business file filed and submitted by `rep`, taken in by intake. */
  async function fileFor(business: Business, rep: Credentials, directorateCode: 'DEL' | 'DDET' = 'DEL'): Promise<Request> {
    const token = (await login(portal, rep)).accessToken;
    const service = await createService(portal, { directorateCode, applicantKinds: ['business'] });
    const draft = await api().post('/api/requests').set(authHeader(token)).send({ serviceCode: service.code, businessId: business.id, data: { loyer: 85_000, commune: 'Nouméa' } }).expect(201);
    const id = draft.body.id as string;
    await api().post(`/api/requests/${id}/submit`).set(authHeader(token)).set('idempotency-key', `expired-${id}`).send({}).expect(200);
    return eventually(async () => {
      const r = await portal.db.manager.findOneBy(Request, { id });
      return r?.status === 'in_review' ? r : null;
    });
  }

  it('refuses the file, the business’s files, the business, its members and the export once the mandate has expired', async () => {
    const [rep, me] = [await registerVerified(portal), await registerVerified(portal)];
    const business = await createBusiness();
    await addMember(business, rep.accountId, 'legal_representative');
    const mandate = await addMember(business, me.accountId, 'member');
    const file = await fileFor(business, me);
    const token = (await login(portal, me)).accessToken;
    const as = (path: string) => api().get(path).set(authHeader(token));
    const exportedIds = async () => ((await as('/api/me/export').expect(200)).body.requests as Array<{ id: string }>).map((r) => r.id);

    // While the mandate lives, every path lets the member in.
    await as(`/api/requests/${file.id}`).expect(200);
    expect((await as(`/api/businesses/${business.id}/requests`).expect(200)).body.items.map((r: { id: string }) => r.id)).toEqual([file.id]);
    await as(`/api/businesses/${business.id}`).expect(200);
    await as(`/api/businesses/${business.id}/members`).expect(200);
    expect((await as('/api/me/businesses').expect(200)).body.map((b: { business: { id: string } }) => b.business.id)).toEqual([business.id]);
    expect(await exportedIds()).toEqual([file.id]);

    await expire(mandate);

    expect((await as(`/api/requests/${file.id}`).expect(404)).body.code).toBe('REQUEST_NOT_FOUND');
    expect((await as(`/api/businesses/${business.id}/requests`).expect(404)).body.code).toBe('BUSINESS_NOT_FOUND');
    expect((await as(`/api/businesses/${business.id}`).expect(404)).body.code).toBe('BUSINESS_NOT_FOUND');
    expect((await as(`/api/businesses/${business.id}/members`).expect(404)).body.code).toBe('BUSINESS_NOT_FOUND');
    expect((await as('/api/me/businesses').expect(200)).body).toEqual([]);
    expect(await exportedIds()).toEqual([]);
    // The representative, whose mandate lives, sees the colleague's mandate as expired.
    const members = (await api().get(`/api/businesses/${business.id}/members`).set(authHeader((await login(portal, rep)).accessToken)).expect(200)).body as Array<{ id: string; status: string }>;
    expect(members.find((m) => m.id === mandate.id)?.status).toBe('expired');
  });

  it('sends an expired member no event of the business’s files, live or replayed, and refuses the file’s stream', async () => {
    const [rep, member] = [await registerVerified(portal), await registerVerified(portal)];
    const business = await createBusiness();
    await addMember(business, rep.accountId, 'legal_representative');
    const mandate = await addMember(business, member.accountId, 'member');
    const service = await createService(portal, { applicantKinds: ['business'] });
    const repToken = (await login(portal, rep)).accessToken;
    const memberToken = (await login(portal, member)).accessToken;
    const repStream = await open('/api/me/events', authHeader(repToken));
    const memberStream = await open('/api/me/events', authHeader(memberToken));

    const draft = await api().post('/api/requests').set(authHeader(repToken)).send({ serviceCode: service.code, businessId: business.id, data: { loyer: 1000, commune: 'Thio' } }).expect(201);
    await memberStream.waitFor((f) => types(f).includes('created'), 10_000, 'the business event');
    await expire(mandate);
    await api().patch(`/api/requests/${draft.body.id}`).set(authHeader(repToken)).send({ data: { loyer: 2000, commune: 'Thio' } }).expect(200);
    await api().post(`/api/requests/${draft.body.id}/submit`).set(authHeader(repToken)).set('idempotency-key', `exp-${draft.body.id}`).send({}).expect(200);
    await repStream.waitFor((f) => types(f).includes('submitted'), 10_000, 'the submission on the representative’s stream');
    await new Promise((r) => setTimeout(r, 500));
    expect(types(memberStream.frames)).toEqual(['created']);

    // Reconnecting from the first event replays nothing of the business either.
    const again = await open('/api/me/events', { ...authHeader(memberToken), 'last-event-id': memberStream.lastEventId! });
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(types(again.frames)).toEqual([]);
    expect((await open(`/api/requests/${draft.body.id}/events`, authHeader(memberToken))).status).toBe(404);
  });

  it('lets intake give a business’s file to an agent whose mandate on it expired, never to one whose mandate lives', async () => {
    const rep = await registerVerified(portal);
    const business = await createBusiness();
    await addMember(business, rep.accountId, 'legal_representative');
    // The only DDET agent once held a mandate on the business: it has expired, so no conflict.
    const formerMember = await createAccount(portal, 'agent', 'DDET');
    await expire(await addMember(business, formerMember.accountId, 'member'));
    expect((await fileFor(business, rep, 'DDET')).assigneeId).toBe(formerMember.accountId);

    // A DDET agent with fewer open files but a live mandate is still passed over.
    const currentMember = await createAccount(portal, 'agent', 'DDET');
    await addMember(business, currentMember.accountId, 'member');
    expect((await fileFor(business, rep, 'DDET')).assigneeId).toBe(formerMember.accountId);
  });
});
