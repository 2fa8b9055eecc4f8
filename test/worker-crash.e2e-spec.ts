// A worker SIGKILLed in the middle of a job: another worker retries it, and the effect happens once.
// Runs the compiled worker (dist/): `npm test` builds first.
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import request from 'supertest';
import { Client } from 'pg';
import { EmailMessage } from '@portal/notifications';
import { RequestDocument, RequestEvent } from '@portal/requests';
import { authHeader, createAccount, createDraft, createService, GOOD_PASSWORD, login, uniqueEmail } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

describe('Worker killed mid-job (e2e, separate worker processes)', () => {
  let portal: TestPortal;
  const workers: ChildProcess[] = [];

  function startWorker(): ChildProcess {
    const worker = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
      env: { ...process.env, JOB_LOCK_MS: '1000', LOG_LEVEL: process.env.DEBUG_WORKER ? 'debug' : 'warn' },
      stdio: ['ignore', process.env.DEBUG_WORKER ? 'inherit' : 'ignore', 'inherit'],
    });
    workers.push(worker);
    return worker;
  }

  async function stopWorkers(): Promise<void> {
    for (const w of workers) {
      if (w.exitCode !== null || w.signalCode !== null) continue;
      w.kill('SIGKILL');
      await once(w, 'exit');
    }
  }

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    portal.smtp.acceptDelayMs = 0;
    await portal?.close();
  });

  it('delivers the verification email exactly once after the worker dies while sending it', async () => {
    const first = startWorker();
    portal.smtp.acceptDelayMs = 60_000;
    const email = uniqueEmail();
    await request(portal.url).post('/api/auth/register').send({ email, password: GOOD_PASSWORD, firstName: 'A', lastName: 'B' }).expect(202);

    // The job is mid-way: the message is on the wire, the SMTP server holds its answer.
    await eventually(async () => portal.smtp.holding === 1, 20_000, 'the worker to be sending');
    first.kill('SIGKILL');
    await once(first, 'exit');
    portal.smtp.acceptDelayMs = 0;

    startWorker();
    await portal.smtp.waitFor((m) => m.to.includes(email), 30_000);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(portal.smtp.for(email)).toHaveLength(1);
    const rows = await portal.db.manager.find(EmailMessage, { where: { toAddress: email } });
    expect(rows).toHaveLength(1);
    expect(rows[0].sentAt).not.toBeNull();
    expect(rows[0].textBody).toBeNull();
  });

  it('issues exactly one decision letter when the worker dies while issuing it', async () => {
    await stopWorkers();
    const first = startWorker();
    const service = await createService(portal, { directorateCode: 'DDET' });
    const resident = (await login(portal, await createAccount(portal, 'citizen'))).accessToken;
    const agent = (await login(portal, await createAccount(portal, 'agent', 'DDET'))).accessToken;
    const draft = await createDraft(portal, resident, service.code);
    await request(portal.url).post(`/api/requests/${draft.id}/submit`).set(authHeader(resident)).set('idempotency-key', `k-${draft.id}`).send({}).expect(200);
    const version = await eventually(async () => {
      const res = await request(portal.url).get(`/api/agent/requests/${draft.id}`).set(authHeader(agent)).expect(200);
      const receipt = await portal.db.manager.findOneBy(RequestDocument, { requestId: draft.id, issuedKind: 'receipt' });
      return res.body.request.status === 'in_review' && receipt ? (res.body.request.version as number) : null;
    }, 30_000, 'intake and the receipt');

    // Inserts into request_documents wait behind this lock (reads do not): the letter is rendered and stored, not yet recorded.
    const blocker = new Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE request_documents IN SHARE MODE');
      await request(portal.url)
        .post(`/api/agent/requests/${draft.id}/transition`)
        .set(authHeader(agent))
        .send({ action: 'reject', reason: 'Le projet ne relève pas du dispositif.', expectedVersion: version })
        .expect(200);
      await eventually(async () => {
        const { rows } = await blocker.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'request_documents' AND NOT l.granted`,
        );
        return rows[0].n === 1;
      }, 30_000, 'the worker to be recording the letter');
      first.kill('SIGKILL');
      await once(first, 'exit');
    } finally {
      await blocker.query('COMMIT');
      await blocker.end();
    }

    // Another worker takes the job over once the dead one's lock expires.
    startWorker();
    const letter = await eventually(() => portal.db.manager.findOneBy(RequestDocument, { requestId: draft.id, issuedKind: 'decision' }), 30_000, 'the letter');
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await portal.db.manager.countBy(RequestDocument, { requestId: draft.id, issuedKind: 'decision' })).toBe(1);
    const issuedEvents = await portal.db.manager.findBy(RequestEvent, { requestId: draft.id, type: 'document_issued' });
    expect(issuedEvents.map((e) => e.payload.kind).sort()).toEqual(['decision', 'receipt']);
    const check = await request(portal.url).post('/api/verifications').send({ code: letter.sealCode }).expect(200);
    expect(check.body).toMatchObject({ status: 'authentique', facts: { outcome: 'rejected', document: 'decision' } });
    // Three phases of up to 30 s each under load: more than the default minute.
  }, 180_000);
});
