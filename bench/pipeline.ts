// npm run bench:pipeline — files taken through intake per second by the real worker (compiled, its
// own process: outbox relay → BullMQ on Redis → intake: completeness check, routing, least-loaded
// agent, in_review, timeline events, notification queued), beside a baseline measured in the same
// run: a no-op BullMQ worker on the same Redis, built by the portal's own QueueBackend, fed the same
// number of jobs one `add` at a time as the relay does, at the same concurrency.
// Options: BENCH_PIPELINE_COUNT (5000), BENCH_PIPELINE_CONCURRENCY (8, the WORKER_CONCURRENCY default),
// BENCH_PIPELINE_OPEN (0): files already open and assigned before the run, as in a directorate with a backlog.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Job } from 'bullmq';
import { jobOptions } from '../apps/worker/src/job-options';
import { OUTBOX_CHANNEL } from '../libs/queue/src/outbox.service';
import {
  benchQueueBackend,
  benchQueuePrefix,
  discardingSmtp,
  clearRedisPrefix,
  freshDatabase,
  percentile,
  startBenchWorker,
  stop,
  waitUntil,
  machineLoad,
} from './support';

const COUNT = Number(process.env.BENCH_PIPELINE_COUNT ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_PIPELINE_CONCURRENCY ?? 8);
const OPEN = Number(process.env.BENCH_PIPELINE_OPEN ?? 0);
const WARMUP = 200;
const ATTEMPTS = 9; // JOB_ATTEMPTS' default
const LOCK_MS = 30_000; // JOB_LOCK_MS' default
const DB = 'portal_bench_pipeline';
// Person and business services of the three directorates, so routing and assignment spread as in life.
const SERVICES = ['DEL-AIDE-LOGEMENT', 'DDET-CREATION-ENTREPRISE', 'DAJI-COPIE-ACTE'];

interface Run {
  seconds: number;
  handlerMs: number[];
}

async function main(): Promise<void> {
  const backlog = OPEN > 0 ? `, ${OPEN} files already open and assigned` : '';
  console.log(`bench:pipeline — ${COUNT} submitted files through intake at concurrency ${CONCURRENCY} (after ${WARMUP} warm-up${backlog}); ${machineLoad()}\n`);
  const db = await freshDatabase(DB);
  await db.query(
    `INSERT INTO accounts (email, password_hash, status, role, directorate_code, first_name, last_name, email_verified_at)
     SELECT 'agent' || k || '.' || lower(d) || '@bench.portail.nc', 'x', 'active', 'agent', d, 'Agent', d || ' ' || k, now()
       FROM unnest(ARRAY['DEL', 'DDET', 'DAJI']) d CROSS JOIN generate_series(1, 5) k`,
  );
  await db.query(
    `INSERT INTO accounts (email, password_hash, status, first_name, last_name, email_verified_at)
     SELECT 'habitant' || i || '@bench.portail.nc', 'x', 'active', 'Habitant', 'Banc ' || i, now() FROM generate_series(1, 50) i`,
  );
  await db.query(`INSERT INTO businesses (rid, ridet, legal_name, registry_status) VALUES ('1234567', '1234567001', 'Société de Banc', 'active')`);
  if (OPEN > 0) {
    // The backlog: files in review, spread over the five agents of each directorate.
    await db.query(
      `INSERT INTO requests (reference, service_version_id, service_code, directorate_code, applicant_account_id, business_id, applicant_name,
                             status, version, submitted_at, due_at, assignee_id)
       SELECT 'PS-2098-' || lpad(i::text, 7, '0'), sv.id, sv.code, sv.directorate_code, c.id,
              CASE WHEN 'business' = ANY(sv.applicant_kinds) THEN (SELECT id FROM businesses) END, c.first_name || ' ' || c.last_name,
              'in_review', 3, now(), now() + interval '2 months', a.id
         FROM generate_series(1, $1) i
         JOIN service_versions sv ON sv.code = ($2::text[])[1 + i % 3]
         JOIN (SELECT id, first_name, last_name, row_number() OVER (ORDER BY id) - 1 AS n FROM accounts WHERE role = 'citizen') c ON c.n = i % 50
         JOIN (SELECT id, directorate_code, row_number() OVER (PARTITION BY directorate_code ORDER BY id) - 1 AS n FROM accounts WHERE role = 'agent') a
           ON a.directorate_code = sv.directorate_code AND a.n = (i / 3) % 5`,
      [OPEN, SERVICES],
    );
    await db.query('ANALYZE');
  }
  let filed = 0;
  // What a submission leaves for the worker (setup, in SQL): the file, submitted, and its intake job in the outbox.
  const submitted = async (n: number): Promise<string[]> => {
    const rows = (await db.query(
      `WITH files AS (
         INSERT INTO requests (reference, service_version_id, service_code, directorate_code, applicant_account_id, business_id, applicant_name,
                               status, version, submitted_at, due_at)
         SELECT 'PS-2099-' || lpad(($1 + i)::text, 6, '0'), sv.id, sv.code, sv.directorate_code, c.id,
                CASE WHEN 'business' = ANY(sv.applicant_kinds) THEN (SELECT id FROM businesses) END, c.first_name || ' ' || c.last_name,
                'submitted', 2, now(), now() + interval '2 months'
           FROM generate_series(1, $2) i
           JOIN service_versions sv ON sv.code = ($3::text[])[1 + i % 3]
           JOIN (SELECT id, first_name, last_name, row_number() OVER (ORDER BY id) - 1 AS n FROM accounts WHERE role = 'citizen') c ON c.n = i % 50
         RETURNING id),
       jobs AS (INSERT INTO outbox_messages (queue, job_name, payload) SELECT 'workflow', 'request.intake', jsonb_build_object('requestId', id) FROM files RETURNING payload)
       SELECT payload->>'requestId' AS id, pg_notify($4, '') FROM jobs`,
      [filed, n, SERVICES, OUTBOX_CHANNEL],
    )) as Array<{ id: string }>;
    filed += n;
    return rows.map((r) => r.id);
  };
  const countInReview = async (ids: string[]): Promise<number> =>
    ((await db.query(`SELECT count(*)::int AS n FROM requests WHERE id = ANY($1) AND status = 'in_review'`, [ids])) as [{ n: number }])[0].n;

  const smtp = await discardingSmtp();
  const workerPrefix = benchQueuePrefix();
  const noopPrefix = `${workerPrefix}noop`;
  const worker = await startBenchWorker(DB, workerPrefix, smtp.url, { WORKER_CONCURRENCY: String(CONCURRENCY) });
  try {
    // The real worker: warm up (this also waits until it is up), then a backlog of COUNT files.
    const warm = await submitted(WARMUP);
    await waitUntil(async () => (await countInReview(warm)) === WARMUP, 120_000, 'the warm-up intakes', [worker]);
    const t0 = performance.now();
    const ids = await submitted(COUNT);
    await waitUntil(async () => (await countInReview(ids)) === COUNT, 600_000, 'the intakes', [worker]);
    const real: Run = { seconds: (performance.now() - t0) / 1000, handlerMs: await handlerTimes(workerPrefix, 'request.intake') };
    const [check] = (await db.query(
      `SELECT count(DISTINCT r.id) FILTER (WHERE r.assignee_id IS NOT NULL)::int AS assigned,
              count(*) FILTER (WHERE e.type = 'routed')::int AS routed,
              (SELECT count(*)::int FROM outbox_messages o WHERE o.job_name = 'request.notify' AND (o.payload->>'eventId')::bigint IN
                 (SELECT id FROM request_events WHERE type = 'routed' AND request_id = ANY($1))) AS notify_queued
         FROM requests r JOIN request_events e ON e.request_id = r.id WHERE r.id = ANY($1)`,
      [ids],
    )) as [{ assigned: number; routed: number; notify_queued: number }];

    // Baseline: the same number of jobs through BullMQ to a handler that does nothing.
    const backend = benchQueueBackend(noopPrefix);
    const queue = backend.createQueue('workflow');
    let completed = 0;
    const noop = backend.createWorker('workflow', async () => undefined, { concurrency: CONCURRENCY, lockDuration: LOCK_MS, stalledInterval: LOCK_MS });
    noop.on('completed', () => completed++);
    const feed = async (n: number) => {
      for (let i = 0; i < n; i++) await queue.add('request.intake', { requestId: randomUUID() }, { ...jobOptions(ATTEMPTS), jobId: randomUUID() });
    };
    await feed(WARMUP);
    await waitUntil(async () => completed === WARMUP, 60_000, 'the no-op warm-up');
    const b0 = performance.now();
    await feed(COUNT);
    await waitUntil(async () => completed === WARMUP + COUNT, 600_000, 'the no-op jobs');
    const baseline: Run = { seconds: (performance.now() - b0) / 1000, handlerMs: await handlerTimes(noopPrefix, 'request.intake') };
    await backend.close();

    const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(46) : c.padStart(11))).join(''));
    line(['scenario', 'files', 'seconds', 'files/s', 'job p50 ms', 'job p99 ms']);
    for (const [label, run] of [['real worker: outbox → BullMQ → intake', real], ['baseline: no-op BullMQ worker, same Redis', baseline]] as const) {
      line([label, String(COUNT), run.seconds.toFixed(1), (COUNT / run.seconds).toFixed(0), percentile(run.handlerMs, 50).toFixed(1), percentile(run.handlerMs, 99).toFixed(1)]);
    }
    console.log(`\nratio real / baseline: ${(baseline.seconds / real.seconds).toFixed(3)}× throughput (job p50 ×${(percentile(real.handlerMs, 50) / percentile(baseline.handlerMs, 50)).toFixed(0)})`);
    console.log(`job ms: BullMQ processedOn → finishedOn, i.e. the handler alone (the last ${real.handlerMs.length} intake jobs)`);
    console.log(`taken in: ${COUNT}/${COUNT} in_review, ${check.assigned} assigned to an agent, ${check.routed} routed events, ${check.notify_queued} notifications queued`);
    console.log(`at the end: ${machineLoad()}`);
    if (check.routed !== COUNT || check.notify_queued !== COUNT) process.exitCode = 1;
  } finally {
    await stop(worker);
    await clearRedisPrefix(workerPrefix);
    await clearRedisPrefix(noopPrefix);
    await smtp.close();
    await db.destroy();
  }
}

/** How long the handler of each completed job of that name took : the COUNT most recent (BullMQ keeps the last 10,000). */
async function handlerTimes(queuePrefix: string, name: string): Promise<number[]> {
  const backend = benchQueueBackend(queuePrefix);
  const jobs: Job[] = await backend.createQueue('workflow').getJobs(['completed'], 0, COUNT - 1);
  await backend.close();
  return jobs.filter((j) => j.name === name && j.processedOn && j.finishedOn).map((j) => j.finishedOn! - j.processedOn!);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
