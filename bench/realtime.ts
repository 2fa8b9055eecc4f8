// npm run bench:realtime — live status over Server-Sent Events: N streams open on one compiled API
// process, every one following the same business's file, while a DDET agent posts K messages on
// it (each an applicant-visible `message_posted` event, published after commit). Prints the latency
// from the agent's HTTP response to the frame on each stream, the API's memory per open stream, and
// a baseline measured in the same run: a bare Redis PUBLISH → SUBSCRIBE round trip.
// Options: BENCH_STREAMS (1000), BENCH_ACCOUNTS (min(streams, 100)), BENCH_CHANGES (50),
// BENCH_BASELINE_ROUNDS (1000). No worker runs: what is measured is API → Redis → API → client.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { hash } from '@node-rs/argon2';
import { Redis } from 'ioredis';
import { ARGON2_PARAMS } from '../libs/auth/src/password.service';
import { LiveStream, TimedFrame } from '../scripts/demo/live-stream';
import { benchSignIn, freshDatabase, percentile, REDIS_URL, startBenchApi, stop } from './support';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? Math.min(STREAMS, 100));
const CHANGES = Number(process.env.BENCH_CHANGES ?? 50);
const BASELINE_ROUNDS = Number(process.env.BENCH_BASELINE_ROUNDS ?? 1000);
const WARMUP = 5;
const OPEN_CONCURRENCY = 100;
const CHANGE_TIMEOUT_MS = 30_000;
const DB = 'portal_bench_realtime';
const PASSWORD = 'mot de passe de banc de mesure';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const AID = {
  montant_demande: 1_500_000,
  emplois_crees: 3,
  commune_implantation: 'Païta',
  date_debut_activite: '2026-01-15',
  description_projet: "Atelier de transformation de produits de la mer à Païta : trois emplois, chambre froide et ligne de conditionnement financées en partie par l'aide.",
};

/** One status change: when its request left and its response was read, and when each stream got its frame. */
interface Change {
  sentAt: number;
  respondedAt: number;
  arrivals: Float64Array;
  received: number;
  duplicates: number;
  eventIds: Set<string>;
}

async function main(): Promise<void> {
  checkFileLimit();
  console.log(`bench:realtime — ${STREAMS} streams (${ACCOUNTS} accounts, all verified members of one business), ${CHANGES} changes on its file (after ${WARMUP} warm-up)\n`);
  const db = await freshDatabase(DB);
  const passwordHash = await hash(PASSWORD, ARGON2_PARAMS);
  const accounts = (await db.query(
    `INSERT INTO accounts (email, password_hash, status, first_name, last_name, email_verified_at)
     SELECT 'membre' || i || '@bench.portail.nc', $1, 'active', 'Membre', 'Banc ' || i, now() FROM generate_series(1, $2) i RETURNING id, email`,
    [passwordHash, ACCOUNTS],
  )) as Array<{ id: string; email: string }>;
  await db.query(
    `INSERT INTO accounts (email, password_hash, status, role, directorate_code, first_name, last_name, email_verified_at)
     VALUES ('agent.ddet@bench.portail.nc', $1, 'active', 'agent', 'DDET', 'Agent', 'DDET', now())`,
    [passwordHash],
  );
  const [business] = (await db.query(
    `INSERT INTO businesses (rid, ridet, legal_name, legal_form, commune, registry_status) VALUES ('1234567', '1234567001', 'Société Calédonienne de Démonstration', 'SARL', 'Nouméa', 'active') RETURNING id`,
  )) as [{ id: string }];
  // Setup only: every account a verified member (the first its legal representative), so each event reaches every stream.
  await db.query(
    `INSERT INTO business_memberships (business_id, account_id, role, status, verified_via, verified_at)
     SELECT $1, a.id, CASE WHEN a.email = 'membre1@bench.portail.nc' THEN 'legal_representative' ELSE 'member' END, 'verified', 'business_admin', now()
       FROM accounts a WHERE a.email LIKE 'membre%@bench.portail.nc'`,
    [business.id],
  );

  const { api, port } = await startBenchApi(DB, {
    SSE_MAX_STREAMS_PER_ACCOUNT: String(Math.ceil(STREAMS / ACCOUNTS)),
  });
  const streams: LiveStream[] = [];
  try {
    const base = `http://127.0.0.1:${port}/api`;
    const call = async <T>(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    };
    const login = async (email: string) => {
      const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
      if (!res.ok) throw new Error(`login ${email} → ${res.status}`);
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    const tokens = await mapConcurrently(accounts, 8, (a) => login(a.email));
    const agent = await benchSignIn(base, db, 'agent.ddet@bench.portail.nc', PASSWORD);

    // The business's file, through the API: a draft, its three documents, the submission.
    const draft = await call<{ id: string }>('POST', '/requests', tokens[0], { serviceCode: 'DDET-CREATION-ENTREPRISE', businessId: business.id, data: AID });
    for (const documentType of ['business_plan', 'devis', 'rib']) {
      const form = new FormData();
      form.append('documentType', documentType);
      form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), `${documentType}.pdf`);
      const res = await fetch(`${base}/requests/${draft.id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${tokens[0]}` }, body: form });
      if (res.status !== 201) throw new Error(`upload ${documentType} → ${res.status} ${await res.text()}`);
    }
    await call('POST', `/requests/${draft.id}/submit`, tokens[0], {}, { 'idempotency-key': randomUUID() });

    await sleep(1_000);
    const rssBefore = rssKiB(api.pid!);

    // Open the streams; every message_posted frame is stamped on arrival and filed under the current change.
    let current: Change | null = null;
    const onFrame = (index: number) => (frame: TimedFrame) => {
      if (frame.event !== 'message_posted' || !current) return;
      if (current.arrivals[index] > 0) current.duplicates++;
      else {
        current.arrivals[index] = frame.receivedAt;
        current.received++;
      }
      if (frame.id) current.eventIds.add(frame.id);
    };
    const agentPool = new Agent({ keepAlive: false, maxSockets: Infinity });
    const openStarted = performance.now();
    await mapConcurrently(
      Array.from({ length: STREAMS }, (_, i) => i),
      OPEN_CONCURRENCY,
      async (i) => streams.push(await LiveStream.open(`${base}/me/events`, { authorization: `Bearer ${tokens[i % ACCOUNTS]}` }, onFrame(i), { agent: agentPool })),
    );
    const openSeconds = (performance.now() - openStarted) / 1_000;
    await sleep(2_000);
    const rssOpen = rssKiB(api.pid!);
    console.log(`opened ${streams.length} streams in ${openSeconds.toFixed(1)} s (${(streams.length / openSeconds).toFixed(0)}/s)`);

    const drive = async (n: number, label: string): Promise<Change[]> => {
      const done: Change[] = [];
      for (let k = 0; k < n; k++) {
        const change: Change = { sentAt: performance.now(), respondedAt: 0, arrivals: new Float64Array(STREAMS), received: 0, duplicates: 0, eventIds: new Set() };
        current = change;
        await call('POST', `/agent/requests/${draft.id}/messages`, agent, { body: `${label} ${k + 1} : merci de confirmer le calendrier des embauches.` });
        change.respondedAt = performance.now();
        const deadline = change.respondedAt + CHANGE_TIMEOUT_MS;
        while (change.received < STREAMS && performance.now() < deadline) await sleep(2);
        done.push(change);
        await sleep(20);
      }
      current = null;
      return done;
    };
    await drive(WARMUP, 'Échauffement');
    const changes = await drive(CHANGES, 'Message');
    const rssAfter = rssKiB(api.pid!);
    const openAtEnd = streams.filter((s) => !s.closed).length;

    const fromResponse: number[] = [];
    const fromRequest: number[] = [];
    const firsts: number[] = [];
    const lasts: number[] = [];
    for (const c of changes) {
      let first = Infinity;
      let last = 0;
      for (const at of c.arrivals) {
        if (at === 0) continue;
        fromResponse.push(at - c.respondedAt);
        fromRequest.push(at - c.sentAt);
        first = Math.min(first, at);
        last = Math.max(last, at);
      }
      if (last > 0) {
        firsts.push(first - c.respondedAt);
        lasts.push(last - c.respondedAt);
      }
    }
    const baseline = await redisRoundTrips(BASELINE_ROUNDS);

    const expected = STREAMS * CHANGES;
    const received = changes.reduce((n, c) => n + c.received, 0);
    const duplicates = changes.reduce((n, c) => n + c.duplicates, 0);
    const mixedIds = changes.filter((c) => c.eventIds.size !== 1).length;
    const early = fromResponse.filter((ms) => ms < 0).length;
    console.log(`\nmeasured: from just after the agent's POST /api/agent/requests/:id/messages response was read (its transaction committed, the wake-up published)`);
    console.log(`to the arrival of its message_posted frame on each of the ${STREAMS} streams — ${CHANGES} changes, one at a time, ${STREAMS} samples each.\n`);
    const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(46) : c.padStart(10))).join(''));
    line(['scenario', 'samples', 'p50 ms', 'p99 ms', 'max ms']);
    const row = (label: string, values: number[]) => line([label, String(values.length), fmt(percentile(values, 50)), fmt(percentile(values, 99)), fmt(values.reduce((a, b) => Math.max(a, b), -Infinity))]);
    row('SSE: response → frame, per stream', fromResponse);
    row('SSE: request sent → frame, per stream', fromRequest);
    row('SSE: response → first of N streams, per change', firsts);
    row('SSE: response → last of N streams, per change', lasts);
    row('baseline: bare Redis PUBLISH → SUBSCRIBE', baseline);
    console.log(
      `\nratio SSE / baseline: p50 ×${(percentile(fromResponse, 50) / percentile(baseline, 50)).toFixed(1)}, p99 ×${(percentile(fromResponse, 99) / percentile(baseline, 99)).toFixed(1)}`,
    );
    const perStream = ((rssOpen - rssBefore) * 1024) / STREAMS;
    console.log(
      `memory: API RSS ${mib(rssBefore)} MiB before, ${mib(rssOpen)} MiB with ${STREAMS} streams open (${mib(rssAfter)} MiB after the changes) → ${(perStream / 1024).toFixed(1)} KiB per open stream`,
    );
    console.log(`delivered: ${received}/${expected} frames, ${duplicates} duplicates, ${mixedIds} changes with more than one event id; ${openAtEnd}/${STREAMS} streams still open`);
    if (early > 0) console.log(`note: ${early} frames arrived before the agent's response had been read (counted as negative latencies)`);
    if (received !== expected || duplicates > 0 || mixedIds > 0) process.exitCode = 1;
  } finally {
    streams.forEach((s) => s.close());
    await stop(api);
    await db.destroy();
  }
}

/**
 * 10,000 streams are 10,000 sockets in this process and in the API (which inherits the limit). Node
 * raises its soft RLIMIT_NOFILE to the hard limit at start-up, so what /proc/self/limits says here
 * is what both processes get.
 */
function checkFileLimit(): void {
  const needed = STREAMS + 512;
  const match = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  const limit = (value: string | undefined) => (value === 'unlimited' || value === undefined ? Infinity : Number(value));
  const [soft, hard] = [limit(match?.[1]), limit(match?.[2])];
  if (soft >= needed) return;
  const suggested = Math.ceil(needed / 1000) * 1000;
  console.error(
    `bench:realtime: ${STREAMS} streams need at least ${needed} open files in this process and in the API, but the limit is ${soft} (\`ulimit -n\`; hard limit ${hard}).\n` +
      (hard >= needed
        ? `Raise it in this shell: \`ulimit -n ${suggested}\`, then run again; or lower BENCH_STREAMS.`
        : `Raise the hard limit (as root: \`ulimit -Hn ${suggested}\` in this shell, or nofile in /etc/security/limits.conf), or lower BENCH_STREAMS.`),
  );
  process.exit(2);
}

/** The bare round trip: one client publishes, another is subscribed, on the same Redis; one message at a time. */
async function redisRoundTrips(rounds: number): Promise<number[]> {
  const channel = `bench_realtime_baseline_${Date.now()}`;
  const publisher = new Redis(REDIS_URL);
  const subscriber = new Redis(REDIS_URL);
  await subscriber.subscribe(channel);
  let resolveNext: (() => void) | null = null;
  subscriber.on('message', () => resolveNext?.());
  const payload = JSON.stringify([{ kind: 'event', id: '123456' }]);
  const latencies: number[] = [];
  try {
    for (let i = 0; i < rounds + 50; i++) {
      const arrived = new Promise<void>((r) => (resolveNext = r));
      const t0 = performance.now();
      await publisher.publish(channel, payload);
      await arrived;
      if (i >= 50) latencies.push(performance.now() - t0);
    }
  } finally {
    publisher.disconnect();
    subscriber.disconnect();
  }
  return latencies;
}

async function mapConcurrently<T, R>(items: T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]);
    }),
  );
  return results;
}

function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? NaN);
}

const mib = (kib: number) => (kib / 1024).toFixed(1);
const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
