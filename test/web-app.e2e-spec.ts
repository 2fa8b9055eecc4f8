import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { webAppDir } from '../apps/api/src/web-app';
import { startTestPortal, TestPortal } from './support/test-portal';

// The web app served by the API on the same port (dist/web: `npm run build` first, as `npm test` does).
describe('Web app served by the API (e2e)', () => {
  let portal: TestPortal;
  const api = () => request(portal.url);
  const manifest = JSON.parse(readFileSync(join(webAppDir(), '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string; isEntry?: boolean }>;
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry)!.file;

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false });
  });
  afterAll(() => portal?.close());

  it('serves index.html at / with no-cache and a CSP allowing only its own scripts', async () => {
    const res = await api().get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain(`src="/${entry}"`);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it.each(['/inscription', '/verifier-email?token=abc', '/compte/notifications', '/demandes/123'])('answers the page %s with index.html', async (path) => {
    const res = await api().get(path).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('<div id="root">');
  });

  it('serves hashed assets for a year, precompressed when the browser accepts it', async () => {
    const plain = await api().get(`/${entry}`).set('accept-encoding', 'identity').expect(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-type']).toMatch(/javascript/);
    const brotli = await api().get(`/${entry}`).set('accept-encoding', 'br, gzip').buffer(true).parse((res, done) => {
      res.on('data', () => undefined);
      res.on('end', () => done(null, null));
    });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
  });

  it('keeps unknown API paths, missing assets and other methods as 404s', async () => {
    const res = await api().get('/api/nowhere').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.code).toMatch(/NOT_FOUND$/);
    await api().get('/assets/missing-0000.js').expect(404);
    await api().post('/inscription').send({}).expect(404);
    await api().get('/docs/nothing-here').expect(404);
  });

  it('leaves the API and the health checks as they were', async () => {
    await api().get('/health/live').expect(200);
    await api().get('/api/me').expect(401);
  });
});
