import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { LaunchError } from './launch-error';
import { ensurePortFree } from './port-check';

describe('ensurePortFree (real sockets)', () => {
  let taken: Server | undefined;
  afterEach(() => taken?.close());

  async function takePort(host: string): Promise<number> {
    taken = createServer();
    await new Promise<void>((resolve) => taken!.listen(0, host, resolve));
    return (taken.address() as AddressInfo).port;
  }

  it('refuses a port another program listens on, saying how to pick another (French and English)', async () => {
    const port = await takePort('0.0.0.0');
    const refusal = ensurePortFree(undefined, port);
    await expect(refusal).rejects.toBeInstanceOf(LaunchError);
    await expect(refusal).rejects.toThrow(`Le port ${port} est déjà utilisé / port ${port} is already in use`);
    await expect(refusal).rejects.toThrow(`PORT=${port + 1} npm start`);
  });

  it('refuses a port taken on loopback only, where the launcher would look for its API', async () => {
    const port = await takePort('127.0.0.1');
    await expect(ensurePortFree('0.0.0.0', port)).rejects.toThrow('is already in use');
  });

  it('accepts a free port and leaves it free', async () => {
    const port = await takePort('127.0.0.1');
    taken!.close();
    taken = undefined;
    await expect(ensurePortFree('127.0.0.1', port)).resolves.toBeUndefined();
    await expect(ensurePortFree('127.0.0.1', port)).resolves.toBeUndefined();
  });
});
