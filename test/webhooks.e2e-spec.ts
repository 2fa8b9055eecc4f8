import request from 'supertest';
import { Request } from '@portal/requests';
import { WebhookDelivery, WebhookSubscription } from '@portal/webhooks';
import { Webhook } from 'standardwebhooks';
import { authHeader, createAccount, createDraft, createService, login, registerVerified } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';
import { Received, WebhookReceiver } from './support/webhook-receiver';
import { eventually } from './support/wait';

const bodyOf = (call: Received) => JSON.parse(call.body) as { type: string; timestamp: string; data: Record<string, string | null> };
// Deliveries run in parallel and arrive in any order: receivers order them by event id.
const inEventOrder = (calls: Received[]) => [...calls].sort((a, b) => Number(bodyOf(a).data.eventId) - Number(bodyOf(b).data.eventId));

describe('Signed webhooks (e2e, worker running)', () => {
  let portal: TestPortal;
  const receiver = new WebhookReceiver();
  const api = () => request(portal.url);
  let admin: string;

  const subscribe = async (body: Record<string, unknown>) => {
    const res = await api().post('/api/admin/webhooks').set(authHeader(admin)).send(body).expect(201);
    return res.body as { id: string; secret: string; eventTypes: string[] };
  };
  // A DDET file submitted by a resident, taken in by the worker (routed, assigned), then approved by the agent.
  const fileAndDecide = async (serviceCode: string, agentToken: string, owner: { accessToken: string }) => {
    const draft = await createDraft(portal, owner.accessToken, serviceCode);
    await api().post(`/api/requests/${draft.id}/submit`).set(authHeader(owner.accessToken)).set('idempotency-key', `wh-${draft.id}`).send({}).expect(200);
    const file = await eventually(async () => {
      const r = await portal.db.manager.findOneBy(Request, { id: draft.id });
      return r?.status === 'in_review' ? r : null;
    }, 15_000, 'intake');
    await api().post(`/api/agent/requests/${draft.id}/transition`).set(authHeader(agentToken)).send({ action: 'approve', expectedVersion: file.version }).expect(200);
    return file;
  };

  beforeAll(async () => {
    await receiver.start();
    portal = await startTestPortal({ env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_ATTEMPTS: '3' } });
    admin = (await login(portal, await createAccount(portal, 'admin'))).accessToken;
  });
  afterAll(async () => {
    await portal?.close();
    await receiver.stop();
  });

  it('tells a directorate’s system of every step of its files, signed, without personal data; nothing to another directorate', async () => {
    const ddet = await subscribe({ url: `${receiver.url}/ddet`, directorateCode: 'DDET', description: 'Logiciel de gestion des aides' });
    expect(ddet.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const decisionsOnly = await subscribe({ url: `${receiver.url}/decisions`, eventTypes: ['decided'] });
    await subscribe({ url: `${receiver.url}/del`, directorateCode: 'DEL' });

    const service = await createService(portal, { directorateCode: 'DDET' });
    const agent = await login(portal, await createAccount(portal, 'agent', 'DDET'));
    const owner = await registerVerified(portal, { firstName: 'Wanakam', lastName: 'Pwêêdi' });
    const file = await fileAndDecide(service.code, agent.accessToken, await login(portal, owner));

    await eventually(async () => receiver.at('/ddet').length >= 3 && receiver.at('/decisions').length >= 1, 15_000, 'the deliveries');
    const calls = inEventOrder(receiver.at('/ddet'));
    expect(calls.map((c) => bodyOf(c).type)).toEqual(['request.submitted', 'request.routed', 'request.decided']);
    const verifier = new Webhook(ddet.secret);
    for (const call of calls) {
      // The receiver's check, with the official Standard Webhooks library: a forged or altered body fails it.
      expect(() => verifier.verify(call.body, call.headers as Record<string, string>)).not.toThrow();
      expect(() => verifier.verify(call.body.replace('DDET', 'DEL'), call.headers as Record<string, string>)).toThrow();
      expect(() => new Webhook(decisionsOnly.secret).verify(call.body, call.headers as Record<string, string>)).toThrow();
      expect(bodyOf(call).data).toMatchObject({ requestId: file.id, reference: file.reference, serviceCode: service.code, directorateCode: 'DDET' });
      expect(call.body).not.toMatch(/Wanakam|Pwêêdi|example\.nc/);
    }
    expect(bodyOf(calls[2]).data).toMatchObject({ eventType: 'decided', fromStatus: 'in_review', toStatus: 'approved' });
    expect(receiver.at('/decisions').map((c) => bodyOf(c).type)).toEqual(['request.decided']);
    expect(receiver.at('/del')).toEqual([]);

    const deliveries = await api().get(`/api/admin/webhooks/${ddet.id}/deliveries`).set(authHeader(admin)).expect(200);
    expect(deliveries.body).toHaveLength(3);
    expect(deliveries.body.every((d: { status: string; attempts: number; lastStatusCode: number }) => d.status === 'delivered' && d.attempts === 1 && d.lastStatusCode === 200)).toBe(true);
    expect(new Set(calls.map((c) => c.headers['webhook-id']))).toEqual(new Set(deliveries.body.map((d: { id: string }) => d.id)));
    // The secret is shown once: never listed, never in a delivery.
    const listed = await api().get('/api/admin/webhooks').set(authHeader(admin)).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(ddet.secret);

    // Replay from a cursor: the receiver lost what followed `submitted`; the same deliveries come again, in order.
    const afterEventId = bodyOf(calls[0]).data.eventId;
    const replay = await api().post(`/api/admin/webhooks/${ddet.id}/redeliver`).set(authHeader(admin)).send({ afterEventId }).expect(200);
    expect(replay.body).toEqual({ redelivered: 2, lastEventId: bodyOf(calls[2]).data.eventId });
    await eventually(async () => receiver.at('/ddet').length >= 5, 15_000, 'the replay');
    const replayed = inEventOrder(receiver.at('/ddet').slice(3));
    expect(replayed.map((c) => c.headers['webhook-id'])).toEqual(calls.slice(1).map((c) => c.headers['webhook-id']));
    expect(replayed.map((c) => c.body)).toEqual(calls.slice(1).map((c) => c.body));
    await eventually(async () => (await portal.db.manager.countBy(WebhookDelivery, { subscriptionId: ddet.id, status: 'delivered' })) === 3, 15_000, 'all delivered again');
  });

  it('retries a failing receiver with the same webhook-id until it answers, and gives up into a dead letter an admin replays', async () => {
    receiver.answer('/flaky', 500, 503);
    receiver.answer('/down', 500, 500, 500);
    const flaky = await subscribe({ url: `${receiver.url}/flaky`, directorateCode: 'DAJI', eventTypes: ['submitted'] });
    const down = await subscribe({ url: `${receiver.url}/down`, directorateCode: 'DAJI', eventTypes: ['submitted'] });
    const service = await createService(portal, { directorateCode: 'DAJI' });
    const owner = await login(portal, await registerVerified(portal));
    const draft = await createDraft(portal, owner.accessToken, service.code);
    await api().post(`/api/requests/${draft.id}/submit`).set(authHeader(owner.accessToken)).set('idempotency-key', `wh-${draft.id}`).send({}).expect(200);

    const delivered = await eventually(async () => {
      const d = await portal.db.manager.findOneBy(WebhookDelivery, { subscriptionId: flaky.id });
      return d?.status === 'delivered' ? d : null;
    }, 30_000, 'the flaky receiver to get it');
    expect(delivered).toMatchObject({ attempts: 3, lastStatusCode: 200, lastError: null });
    expect(new Set(receiver.at('/flaky').map((c) => c.headers['webhook-id']))).toEqual(new Set([delivered.id]));
    expect(receiver.at('/flaky')).toHaveLength(3);

    // WEBHOOK_ATTEMPTS=3 here: three 500s and the delivery has failed for good.
    const failed = await eventually(async () => {
      const d = await portal.db.manager.findOneBy(WebhookDelivery, { subscriptionId: down.id });
      return d?.status === 'failed' ? d : null;
    }, 30_000, 'the delivery to fail');
    expect(failed).toMatchObject({ attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500' });
    const letters = await eventually(async () => {
      const res = await api().get('/api/admin/jobs/dead-letters').set(authHeader(admin)).expect(200);
      return (res.body as Array<{ id: string; jobName: string; payload: { deliveryId?: string } }>).filter((l) => l.payload.deliveryId === failed.id);
    });
    expect(letters).toHaveLength(1);
    // The receiver is back: the admin replays the dead letter, the same delivery arrives (same webhook-id).
    await api().post(`/api/admin/jobs/dead-letters/${letters[0].id}/replay`).set(authHeader(admin)).expect(200);
    await eventually(async () => (await portal.db.manager.findOneBy(WebhookDelivery, { id: failed.id }))?.status === 'delivered', 15_000, 'the replayed delivery');
    expect(new Set(receiver.at('/down').map((c) => c.headers['webhook-id']))).toEqual(new Set([failed.id]));
  });

  it('disables a subscription on 410 Gone, or when an admin says so: nothing more is sent', async () => {
    receiver.answer('/gone', 410);
    const gone = await subscribe({ url: `${receiver.url}/gone`, directorateCode: 'DEL', eventTypes: ['submitted'] });
    const stopped = await subscribe({ url: `${receiver.url}/stopped`, directorateCode: 'DEL', eventTypes: ['submitted'] });
    await api().delete(`/api/admin/webhooks/${stopped.id}`).set(authHeader(admin)).expect(200);
    const again = await api().delete(`/api/admin/webhooks/${stopped.id}`).set(authHeader(admin)).expect(200);
    expect(again.body.disabledReason).toBe('Désactivé par un administrateur.');
    expect((await api().post(`/api/admin/webhooks/${stopped.id}/redeliver`).set(authHeader(admin)).send({ afterEventId: '0' }).expect(409)).body.code).toBe('CONFLICT');

    const service = await createService(portal, { directorateCode: 'DEL' });
    const owner = await login(portal, await registerVerified(portal));
    const submit = async () => {
      const draft = await createDraft(portal, owner.accessToken, service.code);
      await api().post(`/api/requests/${draft.id}/submit`).set(authHeader(owner.accessToken)).set('idempotency-key', `wh-${draft.id}`).send({}).expect(200);
      await eventually(async () => (await portal.db.manager.findOneBy(Request, { id: draft.id }))?.status === 'in_review', 15_000, 'intake');
    };
    await submit();
    const subscription = await eventually(async () => {
      const s = await portal.db.manager.findOneBy(WebhookSubscription, { id: gone.id });
      return s?.disabledAt ? s : null;
    });
    expect(subscription.disabledReason).toBe('Le destinataire a répondu 410 Gone.');
    await submit();
    // The first file's delivery got the 410; the second file came after: no delivery at all.
    expect(receiver.at('/gone')).toHaveLength(1);
    expect(await portal.db.manager.countBy(WebhookDelivery, { subscriptionId: gone.id })).toBe(1);
    expect(receiver.at('/stopped')).toEqual([]);
    expect(await portal.db.manager.countBy(WebhookDelivery, { subscriptionId: stopped.id })).toBe(0);
  });

  it('refuses bad subscriptions with a clear error', async () => {
    const refuse = async (body: Record<string, unknown>, status: number, code: string) => {
      const res = await api().post('/api/admin/webhooks').set(authHeader(admin)).send(body).expect(status);
      expect(res.body.code).toBe(code);
    };
    await refuse({ url: 'ftp://example.nc/hook' }, 400, 'VALIDATION_FAILED');
    await refuse({ url: 'pas une url' }, 400, 'VALIDATION_FAILED');
    await refuse({ url: 'https://example.nc/hook', eventTypes: ['note_added'] }, 400, 'VALIDATION_FAILED');
    await refuse({ url: 'https://example.nc/hook', eventTypes: [] }, 400, 'VALIDATION_FAILED');
    await refuse({ url: 'https://example.nc/hook', directorateCode: 'XYZ' }, 400, 'VALIDATION_FAILED');
    const hook = await subscribe({ url: 'https://webhooks.invalid/refus', directorateCode: 'DEL', eventTypes: ['withdrawn'] });
    for (const afterEventId of ['-1', '1e3', 'abc', '1234567890123456789', 12]) {
      const res = await api().post(`/api/admin/webhooks/${hook.id}/redeliver`).set(authHeader(admin)).send({ afterEventId }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    await api().get('/api/admin/webhooks/not-a-uuid/deliveries').set(authHeader(admin)).expect(404);
    await api().delete('/api/admin/webhooks/7d0c2d1e-0000-4000-8000-000000000000').set(authHeader(admin)).expect(404);
  });
});

describe('Webhooks and private networks (e2e, WEBHOOK_ALLOW_PRIVATE_NETWORKS off, the default)', () => {
  let portal: TestPortal;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    portal = await startTestPortal({ env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false', WEBHOOK_ATTEMPTS: '1' } });
  });
  afterAll(async () => {
    await portal?.close();
    await receiver.stop();
  });

  it('refuses internal addresses when subscribing, and again when connecting (a name that later resolves inside)', async () => {
    const admin = (await login(portal, await createAccount(portal, 'admin'))).accessToken;
    const internal = [
      'http://127.0.0.1:8080/x', 'http://localhost/x', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://10.1.2.3/x',
      // The same places in other notations: IPv4-compatible and -mapped IPv6, NAT64, 6to4, hex
      'http://[::127.0.0.1]/x', 'http://[::ffff:127.0.0.1]/x', 'http://[::a00:1]/x', 'http://[64:ff9b::a9fe:a9fe]/x', 'http://[2002:7f00:1::1]/x',
      'http://0x7f000001/x', 'http://[fe80::1]/x', 'http://[fd00::1]/x', 'http://100.64.0.1/x',
    ];
    for (const url of internal) {
      const res = await request(portal.url).post('/api/admin/webhooks').set(authHeader(admin)).send({ url }).expect(422);
      expect(res.body.code).toBe('WEBHOOK_URL_NOT_ALLOWED');
    }
    // Decimal, octal and short IPv4 forms are not even taken for URLs.
    for (const url of ['http://2130706433/x', 'http://0177.0.0.1/x', 'http://127.1/x', 'http://0/x']) {
      const res = await request(portal.url).post('/api/admin/webhooks').set(authHeader(admin)).send({ url }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    // As if a public name had been subscribed and now resolved to this machine.
    const subscription = portal.db.manager.create(WebhookSubscription, {
      url: `${receiver.url}/inside`,
      directorateCode: 'DEL',
      eventTypes: ['submitted'],
      secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
      createdBy: (await createAccount(portal, 'admin')).accountId,
    });
    await portal.db.manager.insert(WebhookSubscription, subscription);
    const service = await createService(portal, { directorateCode: 'DEL' });
    const owner = await login(portal, await registerVerified(portal));
    const draft = await createDraft(portal, owner.accessToken, service.code);
    await request(portal.url).post(`/api/requests/${draft.id}/submit`).set(authHeader(owner.accessToken)).set('idempotency-key', `wh-${draft.id}`).send({}).expect(200);

    const failed = await eventually(async () => {
      const d = await portal.db.manager.findOneBy(WebhookDelivery, { subscriptionId: subscription.id });
      return d?.status === 'failed' ? d : null;
    });
    expect(failed.lastStatusCode).toBeNull();
    expect(failed.lastError).toMatch(/refusée/);
    expect(receiver.calls).toEqual([]);
  });

  it('refuses at connection an internal address in another notation, and a name that resolves inside', async () => {
    const port = new URL(receiver.url).port;
    const admin = (await createAccount(portal, 'admin')).accountId;
    // Stored directly: as if they had passed the check at subscription (an older rule, a name re-pointed since).
    const subscriptions = [`http://[::127.0.0.1]:${port}/inside`, `http://localhost:${port}/inside`].map((url) =>
      portal.db.manager.create(WebhookSubscription, {
        url,
        directorateCode: 'DDET',
        eventTypes: ['submitted'],
        secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
        createdBy: admin,
      }),
    );
    await portal.db.manager.insert(WebhookSubscription, subscriptions);
    const service = await createService(portal, { directorateCode: 'DDET' });
    const owner = await login(portal, await registerVerified(portal));
    const draft = await createDraft(portal, owner.accessToken, service.code);
    await request(portal.url).post(`/api/requests/${draft.id}/submit`).set(authHeader(owner.accessToken)).set('idempotency-key', `wh-${draft.id}`).send({}).expect(200);

    for (const subscription of subscriptions) {
      const failed = await eventually(async () => {
        const d = await portal.db.manager.findOneBy(WebhookDelivery, { subscriptionId: subscription.id });
        return d?.status === 'failed' ? d : null;
      });
      expect(failed.lastStatusCode).toBeNull();
      expect(failed.lastError).toMatch(/refusée, elle n’est pas publique|refusée : elle n’est pas publique/);
    }
    expect(receiver.calls).toEqual([]);
  });
});
