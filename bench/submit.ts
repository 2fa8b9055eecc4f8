// npm run bench:submit — submissions per second and latency of POST /api/requests/:id/submit at a
// fixed concurrency, beside a baseline measured in the same run: the same rows written by a bare
// `pg` client, one transaction per submission. Options: BENCH_COUNT (3000), BENCH_CONCURRENCY (32).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { Pool } from 'pg';
import { ARGON2_PARAMS } from '../libs/auth/src/password.service';
import { databaseUrl, freshDatabase, printTable, runAtConcurrency, startBenchApi, stop, summarise } from './support';

const COUNT = Number(process.env.BENCH_COUNT ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = 200;
const USERS = 50;
const DB = 'portal_bench_submit';
const SERVICE = 'DAJI-COPIE-ACTE';
const DATA = { type_acte: 'arrete', date_acte: '2024-09-24', motif: 'Copie demandée pour un dossier de succession.', format_copie: 'electronique' };

async function main(): Promise<void> {
  console.log(`bench:submit — ${COUNT} submissions at concurrency ${CONCURRENCY} (after ${WARMUP} warm-up)\n`);
  const db = await freshDatabase(DB);
  const password = 'mot de passe de banc de mesure';
  const passwordHash = await hash(password, ARGON2_PARAMS);
  const accounts = (await db.query(
    `INSERT INTO accounts (email, password_hash, status, first_name, last_name, email_verified_at)
     SELECT 'bench' || i || '@example.nc', $1, 'active', 'Banc', 'Mesure ' || i, now() FROM generate_series(1, $2) i RETURNING id, email`,
    [passwordHash, USERS],
  )) as Array<{ id: string; email: string }>;
  const [service] = (await db.query(`SELECT id FROM service_versions WHERE code = $1`, [SERVICE])) as [{ id: string }];
  const drafts = async (n: number): Promise<Array<{ id: string; owner: number }>> =>
    (await db.query(
      `INSERT INTO requests (service_version_id, service_code, directorate_code, applicant_account_id, applicant_name, data)
       SELECT $1, $2, 'DAJI', ($3::uuid[])[1 + (i % $4)], 'Banc Mesure', $5 FROM generate_series(0, $6 - 1) i RETURNING id, applicant_account_id`,
      [service.id, SERVICE, accounts.map((a) => a.id), USERS, JSON.stringify(DATA), n],
    )).map((r: { id: string; applicant_account_id: string }) => ({ id: r.id, owner: accounts.findIndex((a) => a.id === r.applicant_account_id) }));

  const { api, port } = await startBenchApi(DB);
  try {
    const base = `http://127.0.0.1:${port}/api`;
    const tokens: string[] = [];
    for (const a of accounts) {
      const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: a.email, password }) });
      tokens.push(((await res.json()) as { accessToken: string }).accessToken);
    }
    const submitViaApi = (files: Array<{ id: string; owner: number }>) => async (i: number) => {
      const file = files[i];
      const res = await fetch(`${base}/requests/${file.id}/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[file.owner]}`, 'idempotency-key': randomUUID() },
        body: '{}',
      });
      await res.arrayBuffer();
      return res.status === 200;
    };

    const warm = await drafts(WARMUP);
    await runAtConcurrency(WARMUP, CONCURRENCY, submitViaApi(warm));
    const viaApi = await drafts(COUNT);
    const apiRun = await runAtConcurrency(COUNT, CONCURRENCY, submitViaApi(viaApi));

    // Baseline: the same writes, by a bare pg client (same pool size as the API), one transaction each.
    const pool = new Pool({ connectionString: databaseUrl(DB), max: 20 });
    const bare = await drafts(COUNT);
    const baseline = await runAtConcurrency(COUNT, CONCURRENCY, async (i) => {
      const file = bare[i];
      const accountId = accounts[file.owner].id;
      const key = randomUUID();
      await pool.query(`INSERT INTO idempotency_keys (account_id, key, scope, fingerprint) VALUES ($1, $2, $3, 'x')`, [accountId, key, `submit:${file.id}`]);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT * FROM requests WHERE id = $1 AND applicant_account_id = $2', [file.id, accountId]);
        await client.query('SELECT 1 FROM requests WHERE id = $1 FOR UPDATE', [file.id]);
        await client.query('SELECT document_type FROM request_documents WHERE request_id = $1', [file.id]);
        const [{ last_number }] = (await client.query(
          `INSERT INTO reference_counters (year, last_number) VALUES (2099, 1) ON CONFLICT (year) DO UPDATE SET last_number = reference_counters.last_number + 1 RETURNING last_number`,
        )).rows;
        await client.query(
          `UPDATE requests SET status = 'submitted', submitted_at = now(), due_at = now() + interval '10 days', reference = $2, version = version + 1 WHERE id = $1 AND status = 'draft'`,
          [file.id, `PS-2099-${String(last_number).padStart(6, '0')}`],
        );
        const [{ id: eventId }] = (await client.query(
          `INSERT INTO request_events (request_id, type, from_status, to_status, actor_id, actor_role, visibility, payload) VALUES ($1, 'submitted', 'draft', 'submitted', $2, 'applicant', 'applicant', '{}') RETURNING id`,
          [file.id, accountId],
        )).rows;
        for (const [job, payload] of [['request.notify', { eventId }], ['request.intake', { requestId: file.id }], ['request.deadline', { requestId: file.id }], ['request.deadline-reminder', { requestId: file.id }]] as const) {
          await client.query(`INSERT INTO outbox_messages (queue, job_name, payload) VALUES ('workflow', $1, $2)`, [job, JSON.stringify(payload)]);
        }
        await client.query(`INSERT INTO audit_log (action, actor_id, target_type, target_id) VALUES ('request.transition', $1, 'request', $2)`, [accountId, file.id]);
        await client.query(`UPDATE idempotency_keys SET response_status = 200, response_body = '{}', completed_at = now() WHERE account_id = $1 AND key = $2`, [accountId, key]);
        await client.query('COMMIT');
        return true;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    });
    await pool.end();

    const stored = (await db.query(`SELECT count(*)::int AS n FROM requests WHERE id = ANY($1) AND status = 'submitted'`, [viaApi.map((f) => f.id)]))[0].n as number;
    const rows = [summarise('API POST /submit (HTTP, full stack)', apiRun), summarise('baseline: bare pg, same rows', baseline)];
    printTable(rows);
    console.log(`\nratio API / baseline: ${(rows[0].perSecond / rows[1].perSecond).toFixed(2)}× throughput, p50 ×${(rows[0].p50 / rows[1].p50).toFixed(1)}`);
    console.log(`stored: ${stored}/${COUNT} API submissions are in PostgreSQL with status submitted`);
    if (stored !== COUNT - apiRun.errors || apiRun.errors > 0) process.exitCode = 1;
  } finally {
    await stop(api);
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
