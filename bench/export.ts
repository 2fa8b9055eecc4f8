// npm run bench -- export — an agent exports their directorate's whole worklist as CSV
// (GET /api/agent/requests/export) from the million-file dataset of bench:worklist (seeded once in
// `portal_bench_worklist`): rows per second, time to the first byte, the API's memory while it
// streams. Baseline: the SQL the export sends for a page, without its LIMIT, read by a bare `pg`
// client through a server-side cursor 500 rows at a time — the database's share of the work,
// without paging, hydration or formatting.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Actor } from '../libs/accounts/src/actor';
import { buildDataSourceOptions } from '../libs/database/src/data-source-options';
import { WorklistService } from '../libs/requests/src/worklist.service';
import { WORKLIST_DB, WORKLIST_PASSWORD, worklistDatabase } from './seed-worklist';
import { benchSignIn, CaptureLogger, databaseUrl, machineLoad, startBenchApi, stop } from './support';

// BENCH_EXPORT_DIRECTORATE (DEL: the largest) chooses whose worklist: memory against the list's length.
const AGENT = `agent1.${(process.env.BENCH_EXPORT_DIRECTORATE ?? 'DEL').toLowerCase()}@bench.portail.nc`;
const FETCH = 500;

async function main(): Promise<void> {
  console.log(`bench:export — ${machineLoad()}\n`);
  const db = await worklistDatabase();
  const [agent] = (await db.query(`SELECT id, directorate_code FROM accounts WHERE email = $1`, [AGENT])) as [{ id: string; directorate_code: 'DEL' | 'DDET' | 'DAJI' }];
  const actor: Actor = { accountId: agent.id, sessionId: 'bench', role: 'agent', directorateCode: agent.directorate_code };
  const [{ files }] = (await db.query(`SELECT count(*)::int AS files FROM requests WHERE directorate_code = $1 AND status <> 'draft'`, [actor.directorateCode])) as [{ files: number }];

  const { api, port } = await startBenchApi(WORKLIST_DB);
  try {
    const base = `http://127.0.0.1:${port}/api`;
    const accessToken = await benchSignIn(base, db, AGENT, WORKLIST_PASSWORD);

    const rssBefore = rssMiB(api.pid!);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(api.pid!))), 100);
    const t0 = performance.now();
    const res = await fetch(`${base}/agent/requests/export`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (res.status !== 200 || !res.body) throw new Error(`export: ${res.status}`);
    let firstByteMs = 0;
    let bytes = 0;
    let newlines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (bytes === 0) firstByteMs = performance.now() - t0;
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) newlines++;
    }
    const apiSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const rows = newlines - 1; // the header

    const baseline = await sqlBaseline(actor);

    console.log(`agent of ${actor.directorateCode}: ${files} files in the directorate (drafts aside)\n`);
    const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(46) : c.padStart(11))).join(''));
    line(['scenario', 'rows', 'seconds', 'rows/s', 'first ms']);
    line(['API GET /agent/requests/export (CSV)', String(rows), apiSeconds.toFixed(1), String(Math.round(rows / apiSeconds)), firstByteMs.toFixed(0)]);
    line(['baseline: same SQL, bare pg cursor, no paging', String(baseline.rows), baseline.seconds.toFixed(1), String(Math.round(baseline.rows / baseline.seconds)), baseline.firstMs.toFixed(0)]);
    console.log(`\nratio API / baseline: ${(rows / apiSeconds / (baseline.rows / baseline.seconds)).toFixed(2)}× rows/s`);
    console.log(`CSV: ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${(bytes / rows).toFixed(0)} bytes a row; API memory ${rssBefore.toFixed(0)} MiB before, ${rssPeak.toFixed(0)} MiB at most while streaming`);
    console.log(`every file exported: ${rows === files}`);
    console.log(`at the end: ${machineLoad()}`);
    if (rows !== files) process.exitCode = 1;
  } finally {
    await stop(api);
    await db.destroy();
  }
}

/** The worklist's own first-page SQL (captured from the service), without LIMIT, through a cursor. */
async function sqlBaseline(actor: Actor): Promise<{ rows: number; seconds: number; firstMs: number }> {
  const capture = new CaptureLogger();
  const probe = await new DataSource({ ...buildDataSourceOptions({ url: databaseUrl(WORKLIST_DB), poolSize: 1 }), logging: ['query'], logger: capture }).initialize();
  await new WorklistService(probe).list(actor, { limit: FETCH }, { withService: false });
  await probe.destroy();
  const { sql, params } = capture.last!;
  const client = new Client({ connectionString: databaseUrl(WORKLIST_DB) });
  await client.connect();
  try {
    const t0 = performance.now();
    await client.query('BEGIN');
    await client.query(`DECLARE export NO SCROLL CURSOR FOR ${sql.replace(/LIMIT \d+\s*$/, '')}`, params);
    let rows = 0;
    let firstMs = 0;
    for (;;) {
      const { rowCount } = await client.query(`FETCH ${FETCH} FROM export`);
      if (rows === 0) firstMs = performance.now() - t0;
      if (!rowCount) break;
      rows += rowCount;
    }
    await client.query('COMMIT');
    return { rows, seconds: (performance.now() - t0) / 1000, firstMs };
  } finally {
    await client.end();
  }
}

function rssMiB(pid: number): number {
  const kib = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib ?? 0) / 1024;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
