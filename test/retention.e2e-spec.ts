import request from 'supertest';
import { OutboxRelay } from '../apps/worker/src/outbox-relay.service';
import { Retention } from '../apps/worker/src/retention.service';
import { authHeader, createDraft, createService, login, registerVerified } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

/**
 * The worker deletes what served its purpose once its retention period is over (30 days for
 * technical rows, 90 for spooled emails, by default), and nothing else: unsent jobs, live sessions,
 * usable tokens, recent records, and the record itself (files, timelines, notifications, audit log)
 * stay.
 */
describe('Retention (e2e, worker)', () => {
  let portal: TestPortal;

  beforeAll(async () => {
    portal = await startTestPortal();
  });
  afterAll(async () => {
    await portal?.close();
  });

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    ((await portal.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params)) as [{ n: number }])[0].n;

  const theRecord = async () => ({
    requests: await count('requests'),
    events: await count('request_events'),
    notifications: await count('notifications'),
    audit: await count('audit_log'),
  });

  it('deletes the rows past their retention period, and only those', async () => {
    const user = await registerVerified(portal);
    const { accountId } = user;
    await login(portal, user); // the session that will have ended
    const live = await login(portal, user);
    await request(portal.url).post('/api/auth/password/forgot').send({ email: user.email }).expect(202);
    // The worker turns the request into a token and an email.
    await eventually(async () => (await count(`account_tokens WHERE account_id = $1 AND purpose = 'reset_password'`, [accountId])) === 1, 15_000, 'the reset token');
    const service = await createService(portal);
    const drafts = [await createDraft(portal, live.accessToken, service.code), await createDraft(portal, live.accessToken, service.code)];
    for (const d of drafts) {
      await request(portal.url).post(`/api/requests/${d.id}/submit`).set(authHeader(live.accessToken)).set('idempotency-key', `keep-${d.id}`).send({}).expect(200);
    }
    // Everything the journey queued has been relayed, and its emails sent.
    await eventually(async () => (await count(`outbox_messages WHERE sent_at IS NULL`)) === 0, 15_000, 'the outbox relayed');
    await eventually(async () => (await count(`email_messages WHERE account_id = $1 AND sent_at IS NULL`, [accountId])) === 0, 15_000, 'emails sent');

    // The relay would hand the old unsent job below to the queue: stop it, so the row stays work to do.
    await portal.worker!.get(OutboxRelay).onApplicationShutdown();
    // Age some of it past retention (and leave an old job unsent: work still to do).
    const age = (sql: string, params: unknown[] = []) => portal.db.query(sql, params);
    await age(`UPDATE outbox_messages SET created_at = now() - interval '41 days', sent_at = now() - interval '40 days' WHERE id = (SELECT id FROM outbox_messages ORDER BY created_at LIMIT 1)`);
    await age(`INSERT INTO outbox_messages (queue, job_name, payload, available_at, created_at) VALUES ('workflow', 'request.intake', '{"requestId":"00000000-0000-0000-0000-000000000000"}', now() + interval '1 day', now() - interval '40 days')`);
    const [{ id: endedSession }] = (await portal.db.query(`SELECT id FROM sessions WHERE account_id = $1 ORDER BY created_at LIMIT 1`, [accountId])) as Array<{ id: string }>;
    await age(`UPDATE sessions SET revoked_at = now() - interval '40 days', expires_at = now() - interval '35 days' WHERE id = $1`, [endedSession]);
    await age(`UPDATE account_tokens SET used_at = now() - interval '40 days' WHERE account_id = $1 AND purpose = 'verify_email'`, [accountId]);
    await age(`UPDATE idempotency_keys SET created_at = now() - interval '40 days' WHERE key = $1`, [`keep-${drafts[0].id}`]);
    await age(`UPDATE email_messages SET created_at = now() - interval '100 days' WHERE account_id = $1 AND subject LIKE 'Confirmez%'`, [accountId]);
    // Webhook deliveries: done ones go after 30 days, pending ones (work still to do) stay.
    const [{ id: subscription }] = (await portal.db.query(
      `INSERT INTO webhook_subscriptions (url, event_types, secret, created_by) VALUES ('https://webhooks.invalid/r', '{submitted}', 'whsec_x', $1) RETURNING id`,
      [accountId],
    )) as Array<{ id: string }>;
    await age(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, status, created_at)
       SELECT $1, e.id, s.status, now() - s.age FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM request_events) e
         JOIN (VALUES (1, 'delivered', interval '40 days'), (2, 'failed', interval '40 days'), (3, 'pending', interval '40 days'), (4, 'delivered', interval '1 day')) s(n, status, age) ON s.n = e.n`,
      [subscription],
    );

    // A "forgotten password" request whose job died: the address it holds goes after 30 days too.
    await age(`INSERT INTO password_reset_requests (email, created_at) VALUES ('oublie@example.nc', now() - interval '40 days')`);

    const before = {
      outbox: await count('outbox_messages'),
      record: await theRecord(),
      emails: await count('email_messages WHERE account_id = $1', [accountId]),
    };
    const deleted = await portal.worker!.get(Retention).purge();

    expect(deleted).toEqual({ outbox_messages: 1, sessions: 1, account_tokens: 1, idempotency_keys: 1, webhook_deliveries: 2, password_reset_requests: 1, email_messages: 1 });
    expect(await portal.db.query(`SELECT status FROM webhook_deliveries ORDER BY created_at`)).toEqual([{ status: 'pending' }, { status: 'delivered' }]);
    expect(await count('outbox_messages')).toBe(before.outbox - 1);
    expect(await count(`outbox_messages WHERE sent_at IS NULL AND created_at < now() - interval '30 days'`)).toBe(1);
    expect(await count('sessions WHERE id = $1', [endedSession])).toBe(0);
    await request(portal.url).get('/api/me').set(authHeader(live.accessToken)).expect(200);
    expect(await count(`account_tokens WHERE account_id = $1 AND purpose = 'reset_password'`, [accountId])).toBe(1);
    expect(await count(`idempotency_keys WHERE key = $1`, [`keep-${drafts[1].id}`])).toBe(1);
    expect(await count('email_messages WHERE account_id = $1', [accountId])).toBe(before.emails - 1);
    expect(await theRecord()).toEqual(before.record);

    // A second run has nothing left to delete.
    expect(Object.values(await portal.worker!.get(Retention).purge())).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
