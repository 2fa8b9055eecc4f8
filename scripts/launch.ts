// The launcher behind `npm start`: picks PostgreSQL, Redis and SMTP once, prepares the database,
// then runs the API and the worker until Ctrl-C. See scripts/launch/ for each part.
import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { validateConfig } from '../libs/config/src/app-config';
import { buildChildEnv } from './launch/child-env';
import { chooseMail } from './launch/choose-mail';
import { choosePostgres, LOCAL_POSTGRES_PROBE_URL, PORTAL_DATABASE } from './launch/choose-postgres';
import { chooseRedis, LOCAL_REDIS } from './launch/choose-redis';
import { formatCredentialsTable } from './launch/credentials-table';
import { EmbeddedPostgresCluster } from './launch/embedded-postgres';
import { ensureDatabase } from './launch/ensure-database';
import { LaunchError, StopRequested } from './launch/launch-error';
import { Lifecycle } from './launch/lifecycle';
import { colorsEnabled, createLogger, type Logger, paint, redactUrl } from './launch/log';
import { describeChoices, summarizeMode } from './launch/mode';
import type { DemoCredential } from './launch/prepare-database';
import { ensurePortFree } from './launch/port-check';
import { probePostgres, probeRedis } from './launch/probes';
import { localBaseUrl, waitUntilReady } from './launch/readiness';
import { readLauncherSettings } from './launch/settings';
import { Supervisor } from './launch/supervisor';

const DIST_DIR = join(__dirname, '..');
const REPO_ROOT = findRepoRoot(__dirname);
const POSTGRES_PROBE_TIMEOUT_MS = 2_000;
const REDIS_PROBE_TIMEOUT_MS = 1_000;
const READY_TIMEOUT_MS = 120_000;

export async function main(): Promise<number> {
  const log = createLogger('launcher');
  const lifecycle = new Lifecycle(log);
  try {
    // A copy, taken before the apps' modules load: importing their ConfigModule writes AppConfig's
    // defaults (DATABASE_URL, SMTP_URL…) into process.env, which would pass for the developer's choices.
    const baseEnv: NodeJS.ProcessEnv = { ...process.env };
    // Same .env the apps load (cwd = repo root), so a DATABASE_URL there steers the choice too.
    loadDotenv({ path: join(REPO_ROOT, '.env'), processEnv: baseEnv, quiet: true });
    const settings = readLauncherSettings(baseEnv, REPO_ROOT);
    // Before anything slow: a taken port would only show once the API crashes, after migrations.
    await ensurePortFree(settings.host, settings.port);

    // 1. Decide, once.
    const postgres = await choosePostgres(settings, () => probePostgres(LOCAL_POSTGRES_PROBE_URL, POSTGRES_PROBE_TIMEOUT_MS));
    const redis = await chooseRedis(settings, () => probeRedis(LOCAL_REDIS.host, LOCAL_REDIS.port, REDIS_PROBE_TIMEOUT_MS));
    const mail = chooseMail(settings);
    const mailDescription =
      mail.kind === 'configured' ? `${redactUrl(mail.url)} (${mail.reason})` : `built-in mail catcher (${mail.reason})`;
    for (const line of describeChoices(postgres, redis, mailDescription)) log.info(line);
    lifecycle.throwIfStopping();

    // 2. Start what the choice needs.
    let databaseUrl: string;
    if (postgres.kind === 'embedded') {
      const cluster = new EmbeddedPostgresCluster({
        dataDir: settings.dataDir,
        port: settings.embeddedPostgresPort,
        database: PORTAL_DATABASE,
        log,
      });
      lifecycle.add({ name: 'embedded PostgreSQL', stop: () => cluster.stop(), stopNow: () => cluster.stopNow() });
      databaseUrl = await cluster.start();
    } else {
      databaseUrl = postgres.url;
    }
    await ensureDatabase(databaseUrl, log);
    lifecycle.throwIfStopping();

    let smtpUrl: string;
    if (mail.kind === 'catcher') {
      // Loaded only when needed: smtp-server and mailparser are development dependencies.
      const { startMailCatcher } = require('./launch/mail-catcher') as typeof import('./launch/mail-catcher');
      const mailLog = createLogger('mail', 'yellow');
      const catcher = await startMailCatcher(settings.mailCatcherPort, log, (lines) => mailLog.info(lines.join('\n')));
      lifecycle.add({ name: 'mail catcher', stop: () => catcher.close() });
      smtpUrl = catcher.url;
      log.info(`mail catcher listening on ${smtpUrl}: emails are printed below with a [mail] prefix`);
    } else {
      smtpUrl = mail.url;
    }

    // 3. Validate the resulting configuration exactly as the apps will, before anything else runs.
    // The API returns PORTAL_INSTANCE_ID from /health/ready: readiness is announced for our API only.
    const instanceId = randomUUID();
    const env = {
      ...buildChildEnv(baseEnv, settings, { databaseUrl, redisUrl: redis.url, smtpUrl }, { tty: colorsEnabled() }),
      PORTAL_INSTANCE_ID: instanceId,
    };
    const config = validateConfig(env);

    // 4. Schema and seed, before the apps start using them. Loaded here, not at the top: see baseEnv.
    const { migrateAndSeed } = require('./launch/prepare-database') as typeof import('./launch/prepare-database');
    const credentials = await migrateAndSeed(config, { demo: !config.isProduction, log });
    lifecycle.throwIfStopping();

    // 5. Run the API and the worker until a signal or a crash.
    const supervisor = new Supervisor({ cwd: REPO_ROOT, env, log });
    lifecycle.add({ name: 'API and worker', stop: () => supervisor.stop(), stopNow: () => supervisor.killNow() });
    supervisor.start({ name: 'api', script: join(DIST_DIR, 'apps', 'api', 'src', 'main.js'), color: 'cyan' });
    supervisor.start({ name: 'worker', script: join(DIST_DIR, 'apps', 'worker', 'src', 'main.js'), color: 'magenta' });

    const readiness = new AbortController();
    void announceWhenReady(log, {
      healthUrl: `${localBaseUrl(settings.host, settings.port)}/health/ready`,
      publicUrl: config.PUBLIC_URL,
      mode: summarizeMode(postgres, redis),
      smtpUrl: mail.kind === 'catcher' ? smtpUrl : undefined,
      credentials,
      instanceId,
      signal: readiness.signal,
    });

    const crash = await Promise.race([lifecycle.stopRequested.then(() => undefined), supervisor.unexpectedExit]);
    readiness.abort();
    if (crash) {
      const how = crash.signal ? `signal ${crash.signal}` : `exit code ${crash.code}`;
      log.error(`${crash.name} stopped on its own (${how}): stopping everything`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof StopRequested) return 0;
    if (error instanceof LaunchError || (error instanceof Error && error.message.startsWith('Invalid configuration'))) {
      log.error(error.message);
    } else {
      log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    return 1;
  } finally {
    await lifecycle.stopAll();
    lifecycle.dispose();
  }
}

async function announceWhenReady(
  log: Logger,
  options: {
    healthUrl: string;
    publicUrl: string;
    mode: string;
    smtpUrl?: string;
    credentials: DemoCredential[];
    instanceId: string;
    signal: AbortSignal;
  },
): Promise<void> {
  const ready = await waitUntilReady(options.healthUrl, {
    timeoutMs: READY_TIMEOUT_MS,
    signal: options.signal,
    instanceId: options.instanceId,
  });
  if (ready === 'aborted') return;
  if (ready === 'foreign') {
    log.error(
      `${options.healthUrl} est servi par un autre programme que ce portail / is answered by another program than this portal: ` +
        'choose another port (PORT=…)',
    );
    return;
  }
  if (ready === 'timeout') {
    log.warn(`${options.healthUrl} did not answer 200 within ${READY_TIMEOUT_MS / 1000} s; the API may still be starting`);
    return;
  }
  const color = colorsEnabled();
  const rule = '═'.repeat(72);
  const lines = [
    rule,
    `Portail prêt / Portal ready: ${paint(options.publicUrl, 'green', color)}   (mode: ${options.mode})`,
    options.smtpUrl ? `E-mails: affichés ici / printed here ([mail] lines, ${options.smtpUrl})` : undefined,
    'Ctrl-C pour arrêter / to stop',
    rule,
    options.credentials.length > 0 ? formatCredentialsTable(options.credentials) : undefined,
  ];
  log.info(lines.filter((line) => line !== undefined).join('\n'));
}

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** Entry point for both `node dist/scripts/launch.js` and scripts/start.js (which loads this file after building). */
export function run(): void {
  process.setSourceMapsEnabled(true);
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

if (require.main === module) run();
