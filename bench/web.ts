// npm run bench -- web — the web app on a slow mobile link: Debian's Chromium (playwright-core, never a
// downloaded browser) throttled through CDP to 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up and a 4×
// slower CPU, a fresh context (cold cache) per run, against the compiled API and worker (dist/, dist/web
// built here with `npm run web:build` when missing) on a database of their own. Measures, BENCH_WEB_RUNS
// times each (5): the home page, the service finder and a resident's request page, from navigation start
// to their content rendered by React; then, on that open page, an agent's decision through the API → the
// new status shown, beside the same decision → its frame on a Node SSE client of the file's stream.
import 'reflect-metadata';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { hash } from '@node-rs/argon2';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ARGON2_PARAMS } from '../libs/auth/src/password.service';
import { LiveStream } from '../scripts/demo/live-stream';
import {
  benchQueuePrefix,
  benchSignIn,
  clearRedisPrefix,
  databaseUrl,
  discardingSmtp,
  freePort,
  freshDatabase,
  machineLoad,
  percentile,
  REDIS_URL,
  stop,
  waitUntil,
} from './support';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 5);
const DB = 'portal_bench_web';
const PASSWORD = 'mot de passe de banc de mesure';
const RESIDENT = 'habitante@bench.portail.nc';
const AGENT = 'agent.del@bench.portail.nc';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const HOUSING = { loyer_mensuel: 85_000, commune_logement: 'Dumbéa', composition_foyer: 2, ressources_mensuelles: 180_000, telephone: '25.12.34' };
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const CPU_RATE = 4;
const TIMEOUT_MS = 60_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'];

/**
 * The compiled app straight from dist/ (not a copy: the API finds dist/web next to the repository's
 * package.json), in production mode.
 */
function startFromDist(entry: 'api' | 'worker', env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join('dist', 'apps', entry, 'src', 'main.js')], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** A fresh context (cold cache) and page, throttled before its first request. */
async function throttledPage(browser: Browser, base: string, accessToken?: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 }, bypassCSP: true });
  // bypassCSP: the probes below are evaluated strings, which the portal's CSP (script-src 'self') forbids.
  // The session cookie as the API sets it at sign-in (set here without Secure: the bench talks plain HTTP).
  if (accessToken) await context.addCookies([{ name: 'portal_access', value: accessToken, url: base, httpOnly: true, sameSite: 'Strict' }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  return page;
}

/** In the page: `selector` is there and visible (optionally with `text` in it). The root tsconfig has no DOM types, hence strings. */
const visible = (selector: string, text = ''): string =>
  `[...document.querySelectorAll(${JSON.stringify(selector)})].some((el) => el.checkVisibility() && el.textContent.includes(${JSON.stringify(text)}))`;

/** Navigates to `path`; resolves with the page's own clock (ms since navigation start) once `condition` holds. */
async function usableAfter(page: Page, path: string, condition: string): Promise<number> {
  await page.goto(path, { waitUntil: 'commit', timeout: TIMEOUT_MS });
  const handle = await page.waitForFunction(`(${condition}) ? performance.now() : false`, undefined, { polling: 'raf', timeout: TIMEOUT_MS });
  return (await handle.jsonValue()) as number;
}

async function main(): Promise<void> {
  if (!existsSync('dist/web/index.html')) {
    console.log('dist/web missing: npm run web:build');
    const built = spawnSync('npm', ['run', 'web:build'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run web:build failed');
  }
  await waitUntil(async () => ['api', 'worker'].every((app) => existsSync(`dist/apps/${app}/src/main.js`)), 60_000, 'a complete dist/ (nest build --all)');
  console.log(`bench:web — ${RUNS} runs per page, Chromium throttled: ${NETWORK.latency} ms latency, 1.6 Mbit/s down, 750 kbit/s up, CPU ×${CPU_RATE} slower; cold cache each run (${machineLoad()})\n`);

  const db = await freshDatabase(DB);
  const passwordHash = await hash(PASSWORD, ARGON2_PARAMS);
  await db.query(
    `INSERT INTO accounts (email, password_hash, status, first_name, last_name, email_verified_at) VALUES ($1, $2, 'active', 'Odile', 'Banc', now())`,
    [RESIDENT, passwordHash],
  );
  await db.query(
    `INSERT INTO accounts (email, password_hash, status, role, directorate_code, first_name, last_name, email_verified_at)
     VALUES ($1, $2, 'active', 'agent', 'DEL', 'Agent', 'DEL', now())`,
    [AGENT, passwordHash],
  );

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const queuePrefix = benchQueuePrefix();
  const smtp = await discardingSmtp();
  const common = { DATABASE_URL: databaseUrl(DB), REDIS_URL, QUEUE_PREFIX: queuePrefix, JWT_SECRET: randomUUID() + randomUUID(), PUBLIC_URL: base };
  // Production refuses the public development seal key: a throw-away one (a 32-byte Ed25519 seed).
  Object.assign(common, { SEAL_PRIVATE_KEY: randomBytes(32).toString('base64') });
  const worker = startFromDist('worker', { ...common, SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
  const api = startFromDist('api', { ...common, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '100000000' });
  let browser: Browser | undefined;
  const streams: LiveStream[] = [];
  try {
    await waitUntil(async () => (await fetch(`${base}/health/ready`).catch(() => null))?.ok === true, 60_000, 'the API', [api, worker]);
    const call = async <T>(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
      const res = await fetch(`${base}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    };
    const signedIn = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: RESIDENT, password: PASSWORD }) });
    if (!signedIn.ok) throw new Error(`resident login → ${signedIn.status} ${await signedIn.text()}`);
    const resident = ((await signedIn.json()) as { accessToken: string }).accessToken;
    const agent = await benchSignIn(`${base}/api`, db, AGENT, PASSWORD);

    // One housing-aid file per run, through the API (draft, two documents, submission), routed to DEL by the worker.
    const ids: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const draft = await call<{ id: string }>('POST', '/requests', resident, { serviceCode: 'DEL-AIDE-LOGEMENT', data: HOUSING });
      for (const documentType of ['justificatif_domicile', 'avis_imposition']) {
        const form = new FormData();
        form.append('documentType', documentType);
        form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), `${documentType}.pdf`);
        const res = await fetch(`${base}/api/requests/${draft.id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${resident}` }, body: form });
        if (res.status !== 201) throw new Error(`upload ${documentType} → ${res.status} ${await res.text()}`);
      }
      await call('POST', `/requests/${draft.id}/submit`, resident, {}, { 'idempotency-key': randomUUID() });
      ids.push(draft.id);
    }
    const agentView = (id: string) => call<{ request: { version: number; status: string } }>('GET', `/agent/requests/${id}`, agent);
    for (const id of ids) {
      await waitUntil(async () => (await agentView(id)).request.status !== 'submitted', 30_000, `the intake of ${id}`, [api, worker]);
      const { request } = await agentView(id);
      if (request.status !== 'in_review') throw new Error(`request ${id} is ${request.status}, not in_review`);
    }

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const home: number[] = [];
    const finder: number[] = [];
    const requestPage: number[] = [];
    const livePage: number[] = [];
    const liveSse: number[] = [];
    const jsBytes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // 1. The home page: its h1 rendered; the JavaScript it downloaded (encoded, as on the wire).
      const homePage = await throttledPage(browser, base);
      const scripts: Promise<number>[] = [];
      homePage.on('requestfinished', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.sizes().then((s) => s.responseBodySize));
      });
      home.push(await usableAfter(homePage, '/', visible('main h1')));
      jsBytes.push((await Promise.all(scripts)).reduce((a, b) => a + b, 0));
      await homePage.context().close();

      // 2. The service finder, nothing typed: a service card's link.
      const finderPage = await throttledPage(browser, base);
      finder.push(await usableAfter(finderPage, '/demarches', visible('main a[href^="/demarches/"]')));
      await finderPage.context().close();

      // 3. The resident's request page: its status.
      const id = ids[run];
      const page = await throttledPage(browser, base, resident);
      requestPage.push(await usableAfter(page, `/demandes/${id}`, visible('main .badge', 'En instruction')));

      // 4. Live, on that open page: the agent asks for information; the page and a Node SSE client both wait for it.
      await page.waitForTimeout(1_000); // the page's own stream is open
      let frameAt = 0;
      let sentAt = Infinity;
      const stream = await LiveStream.open(`${base}/api/requests/${id}/events`, { authorization: `Bearer ${resident}` }, (frame) => {
        if (frame.receivedAt >= sentAt && frameAt === 0) frameAt = frame.receivedAt;
      });
      streams.push(stream);
      await new Promise((r) => setTimeout(r, 300));
      const { request } = await agentView(id);
      const shown = page.waitForFunction(`(${visible('main .badge', 'Compléments demandés')}) ? Date.now() : false`, undefined, { polling: 'raf', timeout: TIMEOUT_MS });
      const sentWall = Date.now();
      sentAt = performance.now();
      await call('POST', `/agent/requests/${id}/transition`, agent, { action: 'request_info', message: 'Merci de joindre le bail.', expectedVersion: request.version });
      const shownAt = (await (await shown).jsonValue()) as number;
      livePage.push(shownAt - sentWall);
      await waitUntil(async () => frameAt > 0, 10_000, `the SSE frame of ${id}`);
      liveSse.push(frameAt - sentAt);
      stream.close();
      await page.context().close();
      process.stdout.write(`run ${run + 1}/${RUNS} done\n`);
    }

    console.log(`\nmeasured: navigation start → the content shown (page clock), ${RUNS} runs each, fresh context; live: agent's request sent → shown / → SSE frame\n`);
    const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(52) : c.padStart(10))).join(''));
    line(['scenario', 'runs', 'p50 ms', 'max ms']);
    const row = (label: string, values: number[]) => line([label, String(values.length), percentile(values, 50).toFixed(0), Math.max(...values).toFixed(0)]);
    row('home / : h1 rendered', home);
    row('service finder /demarches : a service link', finder);
    row('request page /demandes/:id : its status', requestPage);
    row('live: agent decision → new status on the page', livePage);
    row('live: agent decision → SSE frame (Node client)', liveSse);
    console.log(`\nratio page / raw SSE (live): p50 ×${(percentile(livePage, 50) / percentile(liveSse, 50)).toFixed(1)}, max ×${(Math.max(...livePage) / Math.max(...liveSse)).toFixed(1)}`);
    console.log(`home page JavaScript transferred (encoded): ${(percentile(jsBytes, 50) / 1024).toFixed(1)} KiB`);
  } finally {
    streams.forEach((s) => s.close());
    await browser?.close();
    await Promise.all([stop(api), stop(worker)]);
    await smtp.close();
    await db.destroy();
    await clearRedisPrefix(queuePrefix);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
