import request from 'supertest';
import { Business, BusinessMembership } from '@portal/businesses';
import { Request, RequestTimeline, SYSTEM } from '@portal/requests';
import type { DataSource, EntityManager } from 'typeorm';
import { authHeader, createAccount, createDraft, createService, login, registerVerified } from './support/factories';
import { SseFrame, SseStreams } from './support/sse-client';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

// The receipt and letters the worker issues arrive whenever their job runs: the order under test is the file's own.
const types = (frames: SseFrame[]) => frames.filter((f) => f.id && f.event !== 'document_issued').map((f) => f.event);
// The file's own steps; the letters the worker issues alongside them commit on their own, in any order.
const ids = (frames: SseFrame[]) => frames.filter((f) => f.id && f.event !== 'document_issued').map((f) => BigInt(f.id!));

describe('Live status over Server-Sent Events (e2e, worker running)', () => {
  let portal: TestPortal;
  const api = () => request(portal.url);
  const streams = new SseStreams(() => portal.url);
  const open = (path: string, headers: Record<string, string>) => streams.connect(path, headers);

  beforeAll(async () => {
    portal = await startTestPortal({ env: { SSE_HEARTBEAT_MS: '300', SSE_MAX_STREAMS_PER_ACCOUNT: '3' } });
  });
  afterAll(async () => {
    streams.closeAll();
    await portal?.close();
  });

  it('pushes every step of a journey, in order, to the applicant, the file and the agents; nothing to others', async () => {
    const service = await createService(portal, { directorateCode: 'DDET' });
    const agent = await login(portal, await createAccount(portal, 'agent', 'DDET'));
    const otherAgent = await login(portal, await createAccount(portal, 'agent', 'DEL'));
    const owner = await login(portal, await registerVerified(portal));
    const stranger = await login(portal, await registerVerified(portal));

    // The applicant authenticates with the cookie, as a browser's EventSource does.
    const mine = await open('/api/me/events', { cookie: `portal_access=${owner.accessToken}` });
    const agents = await open('/api/agent/events', authHeader(agent.accessToken));
    const elsewhere = await open('/api/agent/events', authHeader(otherAgent.accessToken));
    const unrelated = await open('/api/me/events', authHeader(stranger.accessToken));
    expect([mine.status, agents.status, elsewhere.status, unrelated.status]).toEqual([200, 200, 200, 200]);

    const draft = await createDraft(portal, owner.accessToken, service.code);
    const fileStream = await open(`/api/requests/${draft.id}/events`, authHeader(owner.accessToken));
    await api().post(`/api/requests/${draft.id}/submit`).set(authHeader(owner.accessToken)).set('idempotency-key', `live-${draft.id}`).send({}).expect(200);
    const file = await eventually(async () => {
      const r = await portal.db.manager.findOneBy(Request, { id: draft.id });
      return r?.status === 'in_review' ? r : null;
    });
    await api().post(`/api/agent/requests/${draft.id}/notes`).set(authHeader(agent.accessToken)).send({ body: 'Note interne confidentielle' }).expect(201);
    const info = await api().post(`/api/agent/requests/${draft.id}/transition`).set(authHeader(agent.accessToken)).send({ action: 'request_info', message: 'Pièce manquante ?', expectedVersion: file.version }).expect(200);
    const resubmitted = await api().post(`/api/requests/${draft.id}/resubmit`).set(authHeader(owner.accessToken)).send({ message: 'Voici.' }).expect(200);
    await api().post(`/api/agent/requests/${draft.id}/transition`).set(authHeader(agent.accessToken)).send({ action: 'approve', expectedVersion: resubmitted.body.version }).expect(200);
    void info;

    const journey = ['created', 'submitted', 'routed', 'info_requested', 'resubmitted', 'decided'];
    await mine.waitFor((f) => types(f).length >= journey.length, 15_000, 'the journey on /me/events');
    expect(types(mine.frames)).toEqual(journey);
    await fileStream.waitFor((f) => types(f).length >= journey.length - 1);
    // The file stream opened after the draft existed: it starts with the replay of `created`? No: no
    // Last-Event-ID means "from now on" — except that events already in PostgreSQL are replayed.
    expect(types(fileStream.frames)).toEqual(journey);
    await agents.waitFor((f) => types(f).includes('decided'), 15_000, 'the agents stream');
    expect(types(agents.frames)).toEqual(['submitted', 'routed', 'assigned', 'note_added', 'info_requested', 'resubmitted', 'decided']);
    for (const s of [mine, fileStream, agents]) {
      const seen = ids(s.frames);
      expect([...seen].sort((a, b) => (a < b ? -1 : 1))).toEqual(seen);
      expect(new Set(seen).size).toBe(seen.length);
    }
    // Internal notes and assignments never reach an applicant; another directorate and another resident see nothing.
    expect(JSON.stringify(mine.frames)).not.toContain('note_added');
    expect(JSON.stringify(fileStream.frames)).not.toMatch(/note_added|assigned/);
    expect(JSON.stringify(agents.frames)).not.toContain('Note interne confidentielle');
    expect(elsewhere.events()).toEqual([]);
    expect(unrelated.events()).toEqual([]);
    // Notifications reach the applicant's stream too.
    await mine.waitFor((f) => f.some((x) => x.event === 'notification'), 15_000, 'a notification');
    // Heartbeats keep idle streams open through proxies.
    await unrelated.waitFor(() => unrelated.comments > 0, 5_000, 'a heartbeat');
  });

  it('replays exactly the missed events after Last-Event-ID, then goes on live', async () => {
    const service = await createService(portal, { directorateCode: 'DAJI' });
    const agent = await login(portal, await createAccount(portal, 'agent', 'DAJI'));
    const owner = await login(portal, await registerVerified(portal));
    const first = await open('/api/me/events', authHeader(owner.accessToken));
    const draft = await createDraft(portal, owner.accessToken, service.code);
    await first.waitFor((f) => types(f).includes('created'));
    const lastSeen = first.lastEventId!;
    first.close();

    // While disconnected: submission, intake, a message from the agent.
    await api().post(`/api/requests/${draft.id}/submit`).set(authHeader(owner.accessToken)).set('idempotency-key', `replay-${draft.id}`).send({}).expect(200);
    await eventually(async () => (await portal.db.manager.findOneBy(Request, { id: draft.id }))?.status === 'in_review');
    await api().post(`/api/agent/requests/${draft.id}/messages`).set(authHeader(agent.accessToken)).send({ body: 'Bonjour' }).expect(201);

    const again = await open('/api/me/events', { ...authHeader(owner.accessToken), 'last-event-id': lastSeen });
    await again.waitFor((f) => types(f).length >= 3);
    expect(types(again.frames)).toEqual(['submitted', 'routed', 'message_posted']);
    expect(ids(again.frames).every((id) => id > BigInt(lastSeen))).toBe(true);
    await api().post(`/api/requests/${draft.id}/withdraw`).set(authHeader(owner.accessToken)).expect(200);
    await again.waitFor((f) => types(f).includes('withdrawn'));
    expect(types(again.frames)).toEqual(['submitted', 'routed', 'message_posted', 'withdrawn']);
  });

  it('delivers an event whose transaction commits after a later one: event ids are not commit order', async () => {
    const owner = await login(portal, await registerVerified(portal));
    const service = await createService(portal);
    const first = await createDraft(portal, owner.accessToken, service.code);
    const second = await createDraft(portal, owner.accessToken, service.code);
    const stream = await open('/api/me/events', authHeader(owner.accessToken));
    await stream.waitFor((f) => types(f).length >= 2, 10_000, 'the two drafts replayed');
    const timeline = portal.app.get(RequestTimeline);
    const record = async (manager: EntityManager, requestId: string) =>
      timeline.record(manager, await manager.findOneByOrFail(Request, { id: requestId }), 'created', SYSTEM, 'applicant');

    // The slow transaction takes its event id first; the quick one takes the next id and commits first.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let idTaken!: () => void;
    const slowHasAnId = new Promise<void>((r) => (idTaken = r));
    const slow = portal.db.transaction(async (manager) => {
      const event = await record(manager, first.id);
      idTaken();
      await held;
      return event;
    });
    await slowHasAnId;
    const quick = await portal.db.transaction((manager) => record(manager, second.id));
    await stream.waitFor((f) => f.some((x) => x.id === quick.id), 10_000, 'the quick event');
    release();
    const late = await slow;
    expect(BigInt(late.id)).toBeLessThan(BigInt(quick.id));
    await stream.waitFor((f) => f.some((x) => x.id === late.id), 5_000, 'the event that committed late');
    expect(stream.events().filter((x) => x.id === late.id || x.id === quick.id)).toHaveLength(2);
  });

  it('keeps a stream that opens while a heartbeat is checking the sessions of the others', async () => {
    const first = await open('/api/me/events', authHeader((await login(portal, await registerVerified(portal))).accessToken));
    const token = (await login(portal, await registerVerified(portal))).accessToken;
    // The heartbeat's session check is held in flight (a slow database) while the second stream opens.
    let checking!: () => void;
    const inFlight = new Promise<void>((r) => (checking = r));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let holding = true;
    const query = portal.db.query.bind(portal.db);
    const spy = jest.spyOn(portal.db, 'query').mockImplementation(async (...args: Parameters<DataSource['query']>) => {
      if (holding && args[0].startsWith('SELECT id FROM sessions')) {
        holding = false;
        checking();
        await held;
      }
      return query(...args);
    });
    try {
      await inFlight;
      const second = await open('/api/me/events', authHeader(token));
      expect(second.status).toBe(200);
      release();
      const seen = second.comments;
      await second.waitFor(() => second.comments >= seen + 2, 5_000, 'two heartbeats after the check');
      expect(second.closed).toBe(false);
      expect(first.closed).toBe(false);
    } finally {
      release();
      spy.mockRestore();
    }
  });

  it('applies the REST authorization: no token, another person’s file, a revoked mandate, too many streams', async () => {
    const owner = await login(portal, await registerVerified(portal));
    const stranger = await login(portal, await registerVerified(portal));
    const service = await createService(portal);
    const draft = await createDraft(portal, owner.accessToken, service.code);

    const anonymous = await open('/api/me/events', {});
    expect(anonymous.status).toBe(401);
    expect(await anonymous.body()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await open(`/api/requests/${draft.id}/events`, authHeader(stranger.accessToken))).status).toBe(404);
    expect((await open('/api/agent/events', authHeader(owner.accessToken))).status).toBe(403);
    // A token in the URL is not a way in.
    expect((await open(`/api/me/events?access_token=${owner.accessToken}`, {})).status).toBe(401);

    const capped = await Promise.all([1, 2, 3].map(() => open('/api/me/events', authHeader(stranger.accessToken))));
    expect(capped.map((c) => c.status)).toEqual([200, 200, 200]);
    const fourth = await open('/api/me/events', authHeader(stranger.accessToken));
    expect(fourth.status).toBe(429);
    capped.forEach((c) => c.close());

    // Logout ends the session's streams at the next heartbeat.
    const session = await login(portal, await registerVerified(portal));
    const stream = await open('/api/me/events', authHeader(session.accessToken));
    await api().post('/api/auth/logout').set(authHeader(session.accessToken)).expect(204);
    await eventually(async () => stream.closed, 5_000, 'the stream to close after logout');
  });

  it('stops sending a business’s events to a member as soon as the mandate is revoked', async () => {
    const rep = await registerVerified(portal);
    const member = await registerVerified(portal);
    const business = portal.db.manager.create(Business, { rid: '1234567', ridet: `1234567${String(Math.floor(Math.random() * 900) + 100)}`, legalName: 'Test SARL', registryStatus: 'active' });
    await portal.db.manager.insert(Business, business);
    await portal.db.manager.insert(BusinessMembership, { businessId: business.id, accountId: rep.accountId, role: 'legal_representative', status: 'verified' });
    const membership = portal.db.manager.create(BusinessMembership, { businessId: business.id, accountId: member.accountId, role: 'member', status: 'verified' });
    await portal.db.manager.insert(BusinessMembership, membership);
    const service = await createService(portal, { applicantKinds: ['business'] });
    const repToken = (await login(portal, rep)).accessToken;
    const memberStream = await open('/api/me/events', authHeader((await login(portal, member)).accessToken));

    const draft = await api().post('/api/requests').set(authHeader(repToken)).send({ serviceCode: service.code, businessId: business.id, data: { loyer: 1000, commune: 'Thio' } }).expect(201);
    await memberStream.waitFor((f) => types(f).includes('created'), 10_000, 'the business event');
    await portal.db.manager.update(BusinessMembership, { id: membership.id }, { status: 'revoked' });
    await api().patch(`/api/requests/${draft.body.id}`).set(authHeader(repToken)).send({ data: { loyer: 2000, commune: 'Thio' } }).expect(200);
    await api().post(`/api/requests/${draft.body.id}/submit`).set(authHeader(repToken)).set('idempotency-key', `rev-${draft.body.id}`).send({}).expect(200);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(types(memberStream.frames)).toEqual(['created']);
  });
});
