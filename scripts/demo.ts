// npm run demo — plays a resident's whole journey against a running portal (PORTAL_URL, default
// http://localhost:3000) while printing her live stream (/api/me/events) as frames arrive, each with
// the delay since the action that caused it. Demo accounts only (seeded by `npm start`).
// DEMO_TIMEOUT_MS (20000): how long to wait for each expected frame.
import { ActionLog } from './demo/action-log';
import { DAJI_AGENT, DDET_AGENT, DEMO_PASSWORD, DEMO_TOTP_SECRET, DemoError, RESIDENT, runJourney } from './demo/journey';
import { LiveFeed } from './demo/live-feed';
import { StreamRefusedError } from './demo/live-stream';
import { PortalClient, PortalError, PortalUnreachableError } from './demo/portal-client';

const EXIT_FAILED = 1;
const EXIT_UNREACHABLE = 2;

async function main(): Promise<number> {
  const baseUrl = (process.env.PORTAL_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  const timeoutMs = Number(process.env.DEMO_TIMEOUT_MS ?? 20_000);
  const portal = new PortalClient(baseUrl);
  const print = (line: string) => console.log(line);
  const log = new ActionLog();
  const feed = new LiveFeed(log, print);

  try {
    await portal.ping();
    print(`Démo du suivi en direct — portail ${baseUrl}`);
    const [resident, daji, ddet] = await Promise.all([
      portal.login(RESIDENT, DEMO_PASSWORD),
      portal.login(DAJI_AGENT, DEMO_PASSWORD, DEMO_TOTP_SECRET),
      portal.login(DDET_AGENT, DEMO_PASSWORD, DEMO_TOTP_SECRET),
    ]);

    // The stream first: everything the journey causes must be seen arriving.
    await feed.open(`${portal.apiUrl}/me/events`, resident);
    const history = await feed.goLive();
    print(`Flux ${portal.apiUrl}/me/events ouvert pour ${RESIDENT}${history ? ` (${history} événements d'exécutions précédentes rejoués, non affichés)` : ''}.`);
    print("Chaque ligne : délai entre l'envoi de l'action et l'arrivée de l'événement sur le flux, référence, événement, (nouveau statut).");

    await runJourney({ portal, feed, log, print, tokens: { resident: resident, daji: daji, ddet: ddet }, timeoutMs });

    const events = feed.entries.filter((e) => e.kind === 'event');
    const notifications = feed.entries.length - events.length;
    const delays = events.map((e) => e.delayMs).sort((a, b) => a - b);
    const median = delays[Math.floor(delays.length / 2)] ?? 0;
    print(`\nTerminé : ${events.length} événements et ${notifications} notifications reçus en direct ; délai médian ${Math.round(median)} ms.`);
    return 0;
  } catch (error) {
    console.error(`\nÉchec de la démo : ${explain(error, baseUrl)}`);
    return error instanceof PortalUnreachableError ? EXIT_UNREACHABLE : EXIT_FAILED;
  } finally {
    feed.close();
  }
}

function explain(error: unknown, baseUrl: string): string {
  if (error instanceof PortalUnreachableError) {
    return `${error.message}.\nLancez le portail (npm start) ou indiquez son adresse : PORTAL_URL=http://localhost:3200 npm run demo`;
  }
  if (error instanceof PortalError && error.path === '/auth/login' && error.status === 401) {
    return `${error.message}\nLes comptes de démonstration sont créés par npm start (hors production) ; ${baseUrl} n'en a pas.`;
  }
  if (error instanceof StreamRefusedError) return `le flux /api/me/events est refusé : ${error.message}`;
  if (error instanceof DemoError || error instanceof PortalError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(EXIT_FAILED);
  },
);
