/** What polling the API's readiness endpoint found. */
export type Readiness = 'ready' | 'timeout' | 'aborted' | 'foreign';

/**
 * Polls the API's readiness endpoint until it answers 200 with this launcher's instance id (handed
 * to the API as PORTAL_INSTANCE_ID): another server answering on the port is never taken for ours.
 * 'foreign' when, at the deadline, only a server with another (or no) id had answered.
 */
export async function waitUntilReady(
  url: string,
  options: { timeoutMs: number; signal: AbortSignal; instanceId: string; pollMs?: number },
): Promise<Readiness> {
  const deadline = Date.now() + options.timeoutMs;
  let foreign = false;
  while (Date.now() < deadline && !options.signal.aborted) {
    try {
      const response = await fetch(url, { signal: AbortSignal.any([options.signal, AbortSignal.timeout(2_000)]) });
      const body: unknown = await response.json().catch(() => undefined);
      const id = instanceIdOf(body);
      if (response.status === 200 && id === options.instanceId) return 'ready';
      if (response.status === 200 || (id !== undefined && id !== options.instanceId)) foreign = true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
  if (options.signal.aborted) return 'aborted';
  return foreign ? 'foreign' : 'timeout';
}

/** The id in /health/ready's answer (terminus: info.instance.id, or details when a check is down). */
export function instanceIdOf(body: unknown): string | undefined {
  const sections = body as { info?: { instance?: { id?: unknown } }; details?: { instance?: { id?: unknown } } } | undefined;
  const id = sections?.info?.instance?.id ?? sections?.details?.instance?.id;
  return typeof id === 'string' ? id : undefined;
}

/** Where the launcher can reach the API: wildcard bind addresses are reached through loopback. */
export function localBaseUrl(host: string | undefined, port: number): string {
  const reachable = !host || ['0.0.0.0', '::', '[::]'].includes(host) ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') && !reachable.startsWith('[') ? `[${reachable}]` : reachable}:${port}`;
}
