// Starts the portal as `npm start` runs it — the compiled API and worker (dist/: `npm run build`
// first) — against a fresh database made by the real migrations and seed, the real Redis under a
// prefix of its own, and an SMTP sink whose mail the tests read over a small local HTTP endpoint
// (tests run in other processes). Returns the teardown.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { freePort, spawnApp } from '../support/app-process';
import { OidcTestProvider } from '../support/oidc-test-provider';
import { clearRedisPrefix } from '../support/redis-inspection';
import { SmtpSink } from '../support/smtp-sink';
import { eventually } from '../support/wait';

export const OIDC_PROVIDER_ID = 'test';
export const OIDC_PROVIDER_NAME = 'Mon compte de test';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const suffix = randomBytes(4).toString('hex');
  const databaseUrl = new URL(ADMIN_URL);
  databaseUrl.pathname = `/portal_browser_${suffix}`;

  const smtp = new SmtpSink();
  const smtpUrl = await smtp.start();
  const mails = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(smtp.received));
  }).listen(0, '127.0.0.1');
  await once(mails, 'listening');

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // A real OpenID Connect provider (oidc-provider), so the sign-in page offers « Continuer avec … ».
  const provider = new OidcTestProvider([`${url}/connexion/oidc/${OIDC_PROVIDER_ID}`]);
  await provider.start();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `b${suffix}`,
    SMTP_URL: smtpUrl,
    PUBLIC_URL: url,
    OUTBOX_POLL_MS: '100',
    ...provider.env(OIDC_PROVIDER_ID, OIDC_PROVIDER_NAME),
  };

  // What `npm start` runs first: migrations and the seed (node dist/scripts/migrate.js).
  const migrate = spawnSync(process.execPath, ['dist/scripts/migrate.js'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);

  const worker = spawnApp('worker', env);
  const api = spawnApp('api', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  await eventually(async () => {
    if (api.child.exitCode !== null) throw new Error(`the API exited:\n${api.lines.slice(-20).join('\n')}`);
    return (await fetch(`${url}/health/ready`).catch(() => null))?.ok;
  }, 60_000, `the API on port ${port}`);

  // Read by the tests (Playwright hands the environment to its workers).
  process.env.PORTAL_URL = url;
  process.env.PORTAL_OIDC_ISSUER = provider.issuer;
  process.env.PORTAL_MAILS_URL = `http://127.0.0.1:${(mails.address() as AddressInfo).port}/`;

  return async () => {
    await Promise.all([api.stop(), worker.stop()]);
    mails.close();
    await provider.stop();
    await smtp.stop();
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS portal_browser_${suffix} WITH (FORCE)`);
    await admin.end();
    await clearRedisPrefix(env.REDIS_URL, env.QUEUE_PREFIX);
  };
}
