import { createServer } from 'node:net';
import { LaunchError } from './launch-error';
import { portAnswers } from './probes';
import { localBaseUrl } from './readiness';

/**
 * Refuses to go on when the API's port is taken: otherwise the API would crash after migrations,
 * or worse, the launcher would announce another program's server as the portal.
 */
export async function ensurePortFree(host: string | undefined, port: number): Promise<void> {
  const bindHost = host ?? '0.0.0.0';
  const failure = await tryListen(bindHost, port);
  // Something bound to another address (a container's published port, ::1…) still answers on loopback.
  const answered = failure === undefined && (await portAnswers(new URL(localBaseUrl(host, port)).hostname.replace(/^\[|\]$/g, ''), port, 500));
  if (failure === undefined && !answered) return;
  const [fr, en] = failure === 'EACCES' ? ["n'est pas autorisé", 'is not allowed'] : ['est déjà utilisé', 'is already in use'];
  throw new LaunchError(
    [
      `Le port ${port} ${fr} / port ${port} ${en} (${bindHost}:${port}).`,
      `Arrêtez le programme qui l'occupe, ou choisissez un autre port / stop whatever uses it, or pick another port:`,
      `  PORT=${suggestPort(port)} npm start`,
    ].join('\n'),
  );
}

function suggestPort(port: number): number {
  return port < 65535 ? port + 1 : 3001;
}

/** undefined when the port could be bound (and was released at once), else the error code. */
function tryListen(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'EADDRINUSE'));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}
