// A worker SIGKILLed in the middle of a job: another worker retries it, and the effect happens once.
// Runs the compiled worker (dist/): `npm test` builds first.
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import request from 'supertest';
import { EmailMessage } from '@portal/notifications';
import { GOOD_PASSWORD, uniqueEmail } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

describe('Worker killed mid-job (e2e, separate worker processes)', () => {
  let portal: TestPortal;
  const workers: ChildProcess[] = [];

  function startWorker(): ChildProcess {
    const worker = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
      env: { ...process.env, JOB_LOCK_MS: '1000', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.push(worker);
    return worker;
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
});
