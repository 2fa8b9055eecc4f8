// npm run bench:worklist — an agent's worklist page (GET /api/agent/requests) with filters and a
// keyset cursor, on 1,000,000 requests and 100,000 accounts (bench/seed-worklist.ts builds them
// once in `portal_bench_worklist`; later runs reuse them and apply any new migration). For each
// case: p50/p99 through the compiled API, beside the same SQL — captured from WorklistService
// itself — run by a bare `pg` client; then that SQL's EXPLAIN (ANALYZE, BUFFERS).
// Options: BENCH_WORKLIST_ROUNDS (200 per case and side), BENCH_WORKLIST_RESEED=1 (rebuild the data),
// BENCH_WORKLIST_UNDO=<migration name> (measure as before it: its down() for the run, its up() again after),
// BENCH_WORKLIST_PLANS=0.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Actor } from '../libs/accounts/src/actor';
import { buildDataSourceOptions } from '../libs/database/src/data-source-options';
import { WorklistQuery } from '../libs/requests/src/dto/agent.dto';
import { encodeCursor } from '../libs/requests/src/keyset-cursor';
import { WorklistService } from '../libs/requests/src/worklist.service';
import { REQUESTS, WORKLIST_DB, WORKLIST_PASSWORD, worklistDatabase } from './seed-worklist';
import { benchSignIn, CaptureLogger, databaseUrl, machineLoad, percentile, startBenchApi, stop } from './support';

const ROUNDS = Number(process.env.BENCH_WORKLIST_ROUNDS ?? 200);
const SHOW_PLANS = process.env.BENCH_WORKLIST_PLANS !== '0';
const WARMUP = 10;
const MAX_SECONDS_PER_SIDE = 20;
const AGENT = 'agent1.del@bench.portail.nc';
// Admins have no directorate: their worklist spans all three unless they pick one.
const ADMIN = 'admin@bench.portail.nc';
// Deep pages start a tenth (default order) and a fiftieth (approved files) into the list: rows 100,000 and 20,000 at 1M.
const DEEP = REQUESTS / 10;
// A frequent family name (one citizen in sixty), searched as agents do: part of it, any case.
const SEARCHED_NAME = 'wahnyama';

interface Case {
  label: string;
  query: Omit<WorklistQuery, 'cursor'>;
  /** Start this many rows into the list (a cursor taken from the row before). */
  skip?: number;
  /** Read by the admin, across directorates (default: the DEL agent). */
  admin?: true;
}

async function main(): Promise<void> {
  console.log(`bench:worklist — ${REQUESTS} requests; ${ROUNDS} pages per case and side (after ${WARMUP} warm-up), one at a time; ${machineLoad()}\n`);
  const db = await worklistDatabase();
  const undone = await undoMigration(db, process.env.BENCH_WORKLIST_UNDO);
  const [agent] = (await db.query(`SELECT id, directorate_code FROM accounts WHERE email = $1`, [AGENT])) as [{ id: string; directorate_code: 'DEL' }];
  const actor: Actor = { accountId: agent.id, sessionId: 'bench', role: 'agent', directorateCode: agent.directorate_code };
  const [{ id: adminId }] = (await db.query(`SELECT id FROM accounts WHERE email = $1`, [ADMIN])) as [{ id: string }];
  const adminActor: Actor = { accountId: adminId, sessionId: 'bench', role: 'admin', directorateCode: null };
  const [{ business }] = (await db.query(
    `SELECT substring(applicant_name FROM 'Fils [0-9]+$') AS business FROM requests WHERE directorate_code = $1 AND applicant_name ~ 'Fils [0-9]{4}$' ORDER BY id LIMIT 1`,
    [actor.directorateCode],
  )) as [{ business: string }];
  const [{ reference }] = (await db.query(`SELECT reference FROM requests WHERE directorate_code = $1 AND reference IS NOT NULL ORDER BY id LIMIT 1`, [actor.directorateCode])) as [{ reference: string }];

  const cases: Case[] = [
    { label: 'page 1, default (due date)', query: {} },
    { label: 'page 1, status=in_review', query: { status: 'in_review' } },
    { label: 'page 1, assignee=me, in_review', query: { assignee: 'me', status: 'in_review' } },
    { label: 'page 1, overdue=true', query: { overdue: true } },
    { label: 'page 1, unassigned, submitted', query: { assignee: 'none', status: 'submitted' } },
    { label: `page 1, q=${SEARCHED_NAME} (name)`, query: { q: SEARCHED_NAME } },
    { label: `page 1, q=${business} (rare name)`, query: { q: business } },
    { label: 'page 1, q=<reference>', query: { q: reference } },
    { label: 'page 1, sort=submitted_at', query: { sort: 'submitted_at' } },
    { label: `deep (row ${DEEP}), default`, query: {}, skip: DEEP },
    { label: `deep (row ${DEEP}), sort=submitted_at`, query: { sort: 'submitted_at' }, skip: DEEP },
    { label: `deep (row ${REQUESTS / 50}), status=approved`, query: { status: 'approved' }, skip: REQUESTS / 50 },
    { label: 'admin, all directorates, default', query: {}, admin: true },
    { label: 'admin, all directorates, sort=submitted', query: { sort: 'submitted_at' }, admin: true },
    { label: `admin, all, deep (row ${DEEP}), default`, query: {}, skip: DEEP, admin: true },
  ];

  // The service itself, on a DataSource that records the SQL it sends.
  const capture = new CaptureLogger();
  const probe = await new DataSource({ ...buildDataSourceOptions({ url: databaseUrl(WORKLIST_DB), poolSize: 2 }), logging: ['query'], logger: capture }).initialize();
  const worklist = new WorklistService(probe);
  const sqlOf = async (query: WorklistQuery, who = actor) => {
    await worklist.list(who, query);
    return capture.last!;
  };
  // A deep cursor: the row `skip` places into the list, found by paging the service's own order with OFFSET (setup only).
  const cursorAt = async (query: WorklistQuery, skip: number, who: Actor): Promise<string> => {
    const { sql, params } = await sqlOf({ ...query, limit: 1 }, who);
    const [row] = (await db.query(`${sql.replace(/LIMIT \d+\s*$/, '')} OFFSET ${skip - 1} LIMIT 1`, params)) as Array<Record<string, Date | string | null>>;
    const value = (query.sort === 'submitted_at' ? row.r_submitted_at : row.r_due_at) as Date | null;
    return encodeCursor({ value: value?.toISOString() ?? null, id: row.r_id as string });
  };

  const { api, port } = await startBenchApi(WORKLIST_DB);
  const client = new Client({ connectionString: databaseUrl(WORKLIST_DB) });
  await client.connect();
  try {
    const base = `http://127.0.0.1:${port}/api`;
    const tokenOf = (email: string) => benchSignIn(base, client, email, WORKLIST_PASSWORD);
    const tokens = { agent: await tokenOf(AGENT), admin: await tokenOf(ADMIN) };

    const rows: string[][] = [];
    const plans: string[] = [];
    for (const c of cases) {
      const who = c.admin ? adminActor : actor;
      const accessToken = c.admin ? tokens.admin : tokens.agent;
      const query: WorklistQuery = { ...c.query, ...(c.skip ? { cursor: await cursorAt(c.query, c.skip, who) } : {}) };
      const { sql, params } = await sqlOf(query, who);
      const url = `${base}/agent/requests?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
      let items = 0;
      const viaApi = await sample(async () => {
        const res = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
        const body = (await res.json()) as { items?: unknown[] };
        if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
        items = body.items!.length;
      });
      const viaSql = await sample(() => client.query(sql, params));
      rows.push([c.label, String(items), ...stats(viaApi), ...stats(viaSql), `×${(percentile(viaApi, 50) / percentile(viaSql, 50)).toFixed(1)}`]);
      if (SHOW_PLANS) {
        const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map((r: Record<string, string>) => r['QUERY PLAN']);
        plans.push(`— ${c.label}\n${plan.join('\n')}`);
      }
    }

    const line = (cells: string[]) => console.log(cells.map((cell, i) => (i === 0 ? cell.padEnd(40) : cell.padStart(9))).join(''));
    line(['case (DEL agent unless said, 20 a page)', 'rows', 'API n', 'p50 ms', 'p99 ms', 'SQL n', 'p50 ms', 'p99 ms', 'API/SQL']);
    rows.forEach(line);
    console.log(`\nat the end: ${machineLoad()}`);
    if (SHOW_PLANS) console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the SQL WorklistService sends:\n\n${plans.join('\n\n')}`);
  } finally {
    await client.end();
    await probe.destroy();
    await stop(api);
    await undone?.redo();
    await db.destroy();
  }
}

/** Before/after an index change: that migration's down() now (still recorded as run, so the API is ready), its up() at the end. */
async function undoMigration(db: DataSource, name: string | undefined): Promise<{ redo(): Promise<void> } | undefined> {
  if (!name) return undefined;
  const migration = db.migrations.find((m) => m.name === name);
  if (!migration) throw new Error(`no migration named ${name}`);
  const run = async (step: 'up' | 'down') => {
    const runner = db.createQueryRunner();
    await runner.query('SET statement_timeout = 0');
    const t0 = performance.now();
    await migration[step](runner);
    await runner.release();
    console.log(`${name}.${step}() on the seeded data: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  await run('down');
  console.log(`measuring without ${name} (up() again at the end)\n`);
  return { redo: () => run('up') };
}

/** Latencies of `op` run one at a time: ROUNDS of them, or fewer if a side passes MAX_SECONDS_PER_SIDE. */
async function sample(op: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await op();
  const latencies: number[] = [];
  const until = performance.now() + MAX_SECONDS_PER_SIDE * 1000;
  while (latencies.length < ROUNDS && performance.now() < until) {
    const t0 = performance.now();
    await op();
    latencies.push(performance.now() - t0);
  }
  return latencies;
}

function stats(latencies: number[]): string[] {
  return [String(latencies.length), percentile(latencies, 50).toFixed(2), percentile(latencies, 99).toFixed(2)];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
