// The launcher of `npm start` (compiled: `npx nest build --all` first) refuses a taken API port at
// once, before touching any database; and the API tells which launcher started it (/health/ready).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { instanceIdOf } from '../scripts/launch/readiness';
import { startTestPortal, TestPortal } from './support/test-portal';

const ROOT = join(__dirname, '..');

describe('npm start: the API port and readiness', () => {
  it('refuses to start when the API port is taken, and says how to pick another (exit 1)', async () => {
    // A foreign server that would even answer /health/ready with 200.
    const foreign = createServer((_req, res) => res.writeHead(200).end('{"status":"ok"}'));
    await new Promise<void>((resolve) => foreign.listen(0, '0.0.0.0', resolve));
    const port = (foreign.address() as AddressInfo).port;
    try {
      const child = spawn(process.execPath, [join(ROOT, 'dist', 'scripts', 'launch.js')], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), PORTAL_BACKENDS: 'embedded', LOG_PRETTY: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(1);
      expect(output).toContain(`Le port ${port} est déjà utilisé / port ${port} is already in use`);
      expect(output).toContain(`PORT=${port + 1} npm start`);
      // Refused before any backend was chosen or started.
      expect(output).not.toMatch(/embedded PostgreSQL|migrat/i);
    } finally {
      foreign.close();
    }
  });

  describe('the API started by a launcher', () => {
    let portal: TestPortal;
    beforeAll(async () => {
      portal = await startTestPortal({ worker: false, env: { PORTAL_INSTANCE_ID: 'launcher-instance-1234' } });
    });
    afterAll(async () => {
      delete process.env.PORTAL_INSTANCE_ID;
      await portal?.close();
    });

    it('returns the instance id it was given from /health/ready', async () => {
      const ready = await request(portal.url).get('/health/ready').expect(200);
      expect(instanceIdOf(ready.body)).toBe('launcher-instance-1234');
    });
  });
});
