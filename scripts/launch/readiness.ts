/** Polls the API's readiness endpoint until it answers 200; false on timeout or when aborted. */
export async function waitUntilReady(url: string, options: { timeoutMs: number; signal: AbortSignal }): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline && !options.signal.aborted) {
    try {
      const response = await fetch(url, { signal: AbortSignal.any([options.signal, AbortSignal.timeout(2_000)]) });
      await response.body?.cancel();
      if (response.status === 200) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/** Where the launcher can reach the API: wildcard bind addresses are reached through loopback. */
export function localBaseUrl(host: string | undefined, port: number): string {
  const reachable = !host || ['0.0.0.0', '::', '[::]'].includes(host) ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') && !reachable.startsWith('[') ? `[${reachable}]` : reachable}:${port}`;
}
