// npm run bench:burst — in 2020 province Sud's COVID aid drew 5,278 business applications; this
// submits ten times that, 52,780, as fast as the machine takes them: business aid files
// (DDET-CREATION-ENTREPRISE, three documents each) filed by their businesses' legal representatives
// through POST /api/requests/:id/submit, with real authentication and one Idempotency-Key per
// file (a lost response, a 5xx or an expired token is retried with the same key), while the real
// worker takes them in. Measured: time until all are stored (acknowledged) and until all have gone
// through intake. Then the proof, counted in PostgreSQL: distinct idempotency keys acknowledged =
// keys stored = files submitted = files taken in, once each, and no reference twice.
// Setup in SQL (as bench:submit): accounts, businesses, mandates, drafts and document rows.
// Options: BENCH_BURST_COUNT (52780), BENCH_BURST_CONCURRENCY (64), BENCH_BURST_ACCOUNTS (1000).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { hash } from '@node-rs/argon2';
import { ARGON2_PARAMS } from '../libs/auth/src/password.service';
import {
  benchQueuePrefix,
  discardingSmtp,
  clearRedisPrefix,
  freshDatabase,
  percentile,
  runAtConcurrency,
  startBenchApi,
  startBenchWorker,
  stop,
  waitUntil,
  machineLoad,
} from './support';

const COUNT = Number(process.env.BENCH_BURST_COUNT ?? 52_780);
const CONCURRENCY = Number(process.env.BENCH_BURST_CONCURRENCY ?? 64);
// Representatives (accounting firms, managers of several companies) filing for ~53 businesses each.
const ACCOUNTS = Number(process.env.BENCH_BURST_ACCOUNTS ?? 1000);
const AGENTS = 10;
const DB = 'portal_bench_burst';
const PASSWORD = 'mot de passe de banc de mesure';
const SERVICE = 'DDET-CREATION-ENTREPRISE';
const PROGRESS_EVERY_MS = 30_000;

async function main(): Promise<void> {
  console.log(`bench:burst — ${COUNT} business aid applications at concurrency ${CONCURRENCY}, from ${ACCOUNTS} representatives, real worker running; ${machineLoad()}\n`);
  const setupStarted = performance.now();
  const db = await freshDatabase(DB);
  const passwordHash = await hash(PASSWORD, ARGON2_PARAMS);
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SET statement_timeout = 0`);
    await runner.query(
      `INSERT INTO accounts (email, password_hash, status, first_name, last_name, email_verified_at)
       SELECT 'representant' || i || '@bench.portail.nc', $1, 'active', 'Représentant', 'Banc ' || i, now() FROM generate_series(1, $2) i`,
      [passwordHash, ACCOUNTS],
    );
    await runner.query(
      `INSERT INTO accounts (email, password_hash, status, role, directorate_code, first_name, last_name, email_verified_at)
       SELECT 'agent' || k || '.ddet@bench.portail.nc', $1, 'active', 'agent', 'DDET', 'Agent', 'DDET ' || k, now() FROM generate_series(1, $2) k`,
      [passwordHash, AGENTS],
    );
    await runner.query(
      `INSERT INTO businesses (rid, ridet, legal_name, legal_form, commune, registry_status)
       SELECT (2000000 + i)::text, (2000000 + i)::text || '001', 'Entreprise calédonienne n° ' || i, 'SARL', 'Nouméa', 'active' FROM generate_series(1, $1) i`,
      [COUNT],
    );
    await runner.query(
      `INSERT INTO business_memberships (business_id, account_id, role, status, verified_via, verified_at)
       SELECT b.id, a.id, 'legal_representative', 'verified', 'registry', now()
         FROM (SELECT id, row_number() OVER (ORDER BY ridet) AS n FROM businesses) b
         JOIN (SELECT id, row_number() OVER (ORDER BY email) AS n FROM accounts WHERE role = 'citizen') a ON a.n = 1 + b.n % $1`,
      [ACCOUNTS],
    );
    await runner.query(
      `INSERT INTO requests (service_version_id, service_code, directorate_code, applicant_account_id, business_id, applicant_name, data)
       SELECT sv.id, sv.code, sv.directorate_code, m.account_id, b.id, b.legal_name,
              jsonb_build_object('ridet', b.ridet, 'montant_demande', 500000 + (b.rid::int % 25) * 100000, 'emplois_crees', 1 + b.rid::int % 4,
                                 'commune_implantation', 'Nouméa', 'date_debut_activite', '2025-03-01',
                                 'description_projet', 'Maintien de l''activité et des emplois pendant la fermeture des frontières : loyers, salaires et stocks de l''entreprise pour trois mois.')
         FROM businesses b JOIN business_memberships m ON m.business_id = b.id
         JOIN service_versions sv ON sv.code = $1 AND sv.version = 1`,
      [SERVICE],
    );
    await runner.query(
      `INSERT INTO request_documents (request_id, document_type, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by)
       SELECT r.id, t, t || '.pdf', 'application/pdf', 48213, repeat('0', 64), 'bench/' || r.id || '/' || t, r.applicant_account_id
         FROM requests r CROSS JOIN unnest(ARRAY['business_plan', 'devis', 'rib']) t`,
    );
    await runner.query(`ANALYZE`);
  } finally {
    await runner.release();
  }
  const drafts = (await db.query(`SELECT r.id, a.email FROM requests r JOIN accounts a ON a.id = r.applicant_account_id ORDER BY r.business_id`)) as Array<{ id: string; email: string }>;
  console.log(`setup: ${drafts.length} drafts with their documents, businesses and mandates in ${((performance.now() - setupStarted) / 1000).toFixed(0)} s`);

  const smtp = await discardingSmtp();
  const queuePrefix = benchQueuePrefix();
  const { api, port } = await startBenchApi(DB, { QUEUE_PREFIX: queuePrefix });
  const worker = await startBenchWorker(DB, queuePrefix, smtp.url);
  try {
    const base = `http://127.0.0.1:${port}/api`;
    // One token per representative; an expired one (15 min) is replaced once, by whoever meets it first.
    const tokens = new Map<string, Promise<string>>();
    const login = (email: string) => {
      const token = fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) })
        .then((res) => res.json() as Promise<{ accessToken: string }>)
        .then((body) => body.accessToken);
      tokens.set(email, token);
      return token;
    };
    const emails = [...new Set(drafts.map((d) => d.email))];
    await runAtConcurrency(emails.length, 8, async (i) => !!(await login(emails[i])));

    const keys = drafts.map(() => randomUUID());
    const acknowledged = new Set<string>();
    let retries = 0;
    const submit = async (i: number): Promise<boolean> => {
      const { id, email } = drafts[i];
      for (let attempt = 1; attempt <= 10; attempt++) {
        const token = await tokens.get(email)!;
        const res = await fetch(`${base}/requests/${id}/submit`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': keys[i] },
          body: '{}',
        }).catch(() => null);
        await res?.arrayBuffer();
        if (res?.status === 200) {
          acknowledged.add(keys[i]);
          return true;
        }
        retries++;
        if (res?.status === 401 && (await tokens.get(email)) === token) void login(email);
        // Same key again: a 5xx, a lost response, a 409 (the first attempt still running) or a 429 is safe to retry.
        else if (res && res.status < 500 && ![401, 409, 429].includes(res.status)) return false;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
      return false;
    };

    // Without autovacuum (off on the development VM's server) the planner would keep the statistics of
    // the drafts all along, and intake's choice of agent would scan every open file: analyze as it would.
    const autovacuum = ((await db.query(`SHOW autovacuum`)) as [{ autovacuum: string }])[0].autovacuum === 'on';
    if (!autovacuum) console.log(`autovacuum is off on this server: ANALYZE every ${PROGRESS_EVERY_MS / 1000} s in its place`);
    const takenIn = async () => ((await db.query(`SELECT count(*)::int AS n FROM requests WHERE status = 'in_review'`)) as [{ n: number }])[0].n;
    const t0 = performance.now();
    const elapsed = () => (performance.now() - t0) / 1000;
    const progress = setInterval(() => {
      void (async () => {
        if (!autovacuum) await db.query('ANALYZE');
        console.log(`  ${elapsed().toFixed(0).padStart(5)} s: ${acknowledged.size} acknowledged, ${await takenIn()} taken in (${machineLoad()})`);
      })();
    }, PROGRESS_EVERY_MS);
    const run = await runAtConcurrency(COUNT, CONCURRENCY, submit);
    const storedSeconds = elapsed();
    const takenInAtStored = await takenIn();
    await waitUntil(async () => (await takenIn()) === COUNT, 3 * 3600_000, 'the intakes', [worker]);
    const intakeSeconds = elapsed();
    clearInterval(progress);
    // Intake's last notifications are still being relayed: let the outbox drain before counting.
    await waitUntil(async () => ((await db.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE sent_at IS NULL`)) as [{ n: number }])[0].n === 0, 120_000, 'the outbox to drain', [worker]);

    const [proof] = (await db.query(
      `SELECT (SELECT count(*) FROM idempotency_keys WHERE response_status = 200)::int AS keys_ok,
              (SELECT count(DISTINCT key) FROM idempotency_keys WHERE key = ANY($1::text[]) AND response_status = 200)::int AS keys_acknowledged_stored,
              (SELECT count(*) FROM requests WHERE status <> 'draft')::int AS submitted_rows,
              (SELECT count(*) FROM request_events WHERE type = 'submitted')::int AS submitted_events,
              (SELECT count(*) FROM request_events WHERE type = 'routed')::int AS routed_events,
              (SELECT count(DISTINCT request_id) FROM request_events WHERE type = 'routed')::int AS routed_files,
              (SELECT count(*) FROM requests WHERE status = 'in_review' AND assignee_id IS NOT NULL)::int AS assigned,
              (SELECT count(*) FROM (SELECT reference FROM requests WHERE reference IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d)::int AS duplicate_references,
              (SELECT count(DISTINCT reference) FROM requests)::int AS references,
              (SELECT max(split_part(reference, '-', 3)::int) FROM requests)::int AS last_reference_number,
              (SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL)::int AS outbox_unsent,
              (SELECT count(*) FROM dead_letters)::int AS dead_letters`,
      [[...acknowledged]],
    )) as [Record<string, number>];

    const ok = run.latenciesMs;
    console.log(`\nscenario                                             files    seconds    files/s    p50 ms    p99 ms`);
    console.log(`stored: POST /submit, all acknowledged (2xx)    ${pad(acknowledged.size, 9)}  ${pad(storedSeconds.toFixed(1), 9)}  ${pad((acknowledged.size / storedSeconds).toFixed(0), 9)} ${pad(percentile(ok, 50).toFixed(0), 9)} ${pad(percentile(ok, 99).toFixed(0), 9)}`);
    console.log(`taken in: all through intake (in_review)        ${pad(COUNT, 9)}  ${pad(intakeSeconds.toFixed(1), 9)}  ${pad((COUNT / intakeSeconds).toFixed(0), 9)}`);
    console.log(`\nwhen the last submission was acknowledged, ${takenInAtStored} files were taken in; the rest took ${(intakeSeconds - storedSeconds).toFixed(1)} s more`);
    console.log(`client retries with the same key: ${retries}; submissions given up: ${run.errors}`);
    console.log(`\nproof (PostgreSQL):`);
    console.log(`  idempotency keys acknowledged (distinct, client side)   ${acknowledged.size}`);
    console.log(`  … of them stored with their 200 response               ${proof.keys_acknowledged_stored}   (all keys with a 200: ${proof.keys_ok})`);
    console.log(`  files submitted (rows out of draft)                     ${proof.submitted_rows}   (submitted events: ${proof.submitted_events})`);
    console.log(`  files through intake (distinct files routed)            ${proof.routed_files}   (routed events: ${proof.routed_events}; in_review and assigned: ${proof.assigned})`);
    console.log(`  references: ${proof.references} distinct, ${proof.duplicate_references} duplicated, last number ${proof.last_reference_number} (no gap: ${proof.last_reference_number === proof.references})`);
    console.log(`  outbox rows unsent: ${proof.outbox_unsent}; dead letters: ${proof.dead_letters}`);
    const counts = [acknowledged.size, proof.keys_acknowledged_stored, proof.keys_ok, proof.submitted_rows, proof.submitted_events, proof.routed_files, proof.routed_events, proof.references];
    const proven = counts.every((n) => n === COUNT) && proof.duplicate_references === 0 && proof.dead_letters === 0;
    console.log(`\n${proven ? 'none missing, none doubled' : 'MISMATCH: see the counts above'}: ${counts.join(' = ')} (expected ${COUNT} each)`);
    console.log(`at the end: ${machineLoad()}`);
    if (!proven) process.exitCode = 1;
  } finally {
    await stop(worker);
    await stop(api);
    await clearRedisPrefix(queuePrefix);
    await smtp.close();
    await db.destroy();
  }
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
