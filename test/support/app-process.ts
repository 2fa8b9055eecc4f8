import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { eventually } from './wait';

/** A compiled app (dist/: `npx nest build --all` first) in its own process, every output line kept. */
export interface AppProcess {
  child: ChildProcess;
  /** Every line written to stdout and stderr so far. */
  readonly lines: string[];
  /** SIGTERM, then waits until its output is closed. */
  stop(): Promise<void>;
}

export function spawnApp(entry: 'api' | 'worker', env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, [`dist/apps/${entry}/src/main.js`], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop()!;
      lines.push(...parts);
    });
    stream.on('end', () => partial && lines.push(partial));
  }
  const closed = once(child, 'close');
  return {
    child,
    lines,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await closed;
    },
  };
}

/** The compiled API on a free port of 127.0.0.1, once it answers /health/ready. */
export async function spawnApi(env: Record<string, string>): Promise<AppProcess & { url: string }> {
  const port = await freePort();
  const api = spawnApp('api', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (api.child.exitCode !== null) throw new Error(`the API exited:\n${api.lines.slice(-20).join('\n')}`);
    return (await fetch(`${url}/health/ready`).catch(() => null))?.ok;
  }, 30_000, `the API on port ${port}`);
  return { ...api, url };
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
