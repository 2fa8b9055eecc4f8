import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { instanceIdOf, localBaseUrl, waitUntilReady } from './readiness';

describe('localBaseUrl', () => {
  it('reaches a wildcard bind through loopback', () => {
    expect(localBaseUrl(undefined, 3000)).toBe('http://127.0.0.1:3000');
    expect(localBaseUrl('0.0.0.0', 3000)).toBe('http://127.0.0.1:3000');
    expect(localBaseUrl('::', 3000)).toBe('http://127.0.0.1:3000');
  });

  it('uses a specific address as given', () => {
    expect(localBaseUrl('192.168.1.10', 8080)).toBe('http://192.168.1.10:8080');
    expect(localBaseUrl('::1', 8080)).toBe('http://[::1]:8080');
  });
});

describe('waitUntilReady (a real HTTP server on a free port)', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  /** A server answering /health/ready 200 with the given terminus-shaped body. */
  async function serve(body: unknown): Promise<string> {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/health/ready`;
  }
  const options = (instanceId: string) => ({ timeoutMs: 1_500, pollMs: 100, signal: new AbortController().signal, instanceId });

  it('announces its own API, recognised by the instance id it handed over', async () => {
    const url = await serve({ status: 'ok', info: { database: { status: 'up' }, instance: { status: 'up', id: 'ours' } } });
    expect(await waitUntilReady(url, options('ours'))).toBe('ready');
  });

  it('never takes a foreign server answering 200 on /health/ready for its API', async () => {
    const url = await serve({ status: 'ok', info: { database: { status: 'up' } } });
    expect(await waitUntilReady(url, options('ours'))).toBe('foreign');
  });

  it('never takes another portal (another launcher, another id) for its API', async () => {
    const url = await serve({ status: 'ok', info: { instance: { status: 'up', id: 'theirs' } } });
    expect(await waitUntilReady(url, options('ours'))).toBe('foreign');
  });

  it('times out when nothing answers', async () => {
    const url = await serve({});
    server!.close();
    expect(await waitUntilReady(url, options('ours'))).toBe('timeout');
  });

  it('reads the id from info, or from details when a check is down', () => {
    expect(instanceIdOf({ info: { instance: { id: 'a' } } })).toBe('a');
    expect(instanceIdOf({ details: { instance: { id: 'b' } } })).toBe('b');
    expect(instanceIdOf('not json')).toBeUndefined();
  });
});
