// Cross-site requests, Content-Security-Policy and the OpenAPI document in production: the HTTP
// layer's own defences, over real HTTP against the real app.
import request from 'supertest';
import { PDF } from './support/documents';
import { authHeader, createDraft, createService, login, registerVerified } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

describe('Cross-site requests authenticated by cookie (e2e)', () => {
  let portal: TestPortal;
  let serviceCode: string;

  beforeAll(async () => {
    portal = await startTestPortal();
    serviceCode = (await createService(portal, { directorateCode: 'DEL', requiredDocuments: [{ type: 'justificatif', label: 'Justificatif de domicile', required: true }] })).code;
  });
  afterAll(() => portal?.close());

  async function signedIn(): Promise<{ token: string; cookie: string; draftId: string }> {
    const { accessToken } = await login(portal, await registerVerified(portal));
    const draft = await createDraft(portal, accessToken, serviceCode);
    return { token: accessToken, cookie: `portal_access=${accessToken}`, draftId: draft.id };
  }

  const status = async (token: string, id: string): Promise<string> =>
    (await request(portal.url).get(`/api/requests/${id}`).set(authHeader(token)).expect(200)).body.status;

  it.each([
    ['a sibling subdomain (same site)', { origin: 'https://autre.portail.province-sud.nc', 'sec-fetch-site': 'same-site' }],
    ['another site', { origin: 'https://malveillant.example', 'sec-fetch-site': 'cross-site' }],
    ['an older browser sending Origin only', { origin: 'https://malveillant.example' }],
    ['a sandboxed frame (Origin: null)', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
  ])('refuses a withdrawal from %s, and changes nothing', async (_from, headers) => {
    const { token, cookie, draftId } = await signedIn();
    const res = await request(portal.url).post(`/api/requests/${draftId}/withdraw`).set({ cookie, ...headers }).send({}).expect(403);
    expect(res.body).toMatchObject({ code: 'CROSS_SITE_REQUEST', message: expect.stringContaining('autre site') });
    expect(await status(token, draftId)).toBe('draft');
  });

  it('refuses a cross-site multipart upload (no CORS preflight protects it) and stores nothing', async () => {
    const { token, cookie, draftId } = await signedIn();
    const res = await request(portal.url)
      .post(`/api/requests/${draftId}/documents`)
      .set({ cookie, origin: 'https://autre.portail.province-sud.nc', 'sec-fetch-site': 'same-site' })
      .field('documentType', 'justificatif')
      .attach('file', PDF, { filename: 'piece.pdf', contentType: 'application/pdf' })
      .expect(403);
    expect(res.body.code).toBe('CROSS_SITE_REQUEST');
    const [{ count }] = await portal.db.query('SELECT count(*)::int AS count FROM request_documents WHERE request_id = $1', [draftId]);
    expect(count).toBe(0);
    await request(portal.url).get('/api/me').set(authHeader(token)).expect(200);
  });

  it('refuses a cross-site sign-out: the session stays open', async () => {
    const { token, cookie } = await signedIn();
    await request(portal.url).post('/api/auth/logout').set({ cookie, origin: 'https://malveillant.example', 'sec-fetch-site': 'cross-site' }).send({}).expect(403);
    await request(portal.url).get('/api/me').set(authHeader(token)).expect(200);
  });

  it('lets the portal’s own pages, a typed address, bearer calls and non-browser clients through', async () => {
    const { cookie, draftId } = await signedIn();
    const own = new URL(portal.url).origin;
    await request(portal.url).post(`/api/requests/${draftId}/documents`).set({ cookie, origin: own, 'sec-fetch-site': 'same-origin' })
      .field('documentType', 'justificatif').attach('file', PDF, { filename: 'piece.pdf', contentType: 'application/pdf' }).expect(201);

    const second = await signedIn();
    // A bearer token is no ambient authority: another origin may use it (an integrator's own tool).
    await request(portal.url).post(`/api/requests/${second.draftId}/withdraw`).set({ ...authHeader(second.token), origin: 'https://outil.example', 'sec-fetch-site': 'cross-site' }).send({}).expect(200);
    // curl and server-side clients send neither Origin nor Sec-Fetch-Site.
    const third = await signedIn();
    await request(portal.url).post(`/api/requests/${third.draftId}/withdraw`).set({ cookie: third.cookie }).send({}).expect(200);
    expect(await status(third.token, third.draftId)).not.toBe('draft');
  });
});

describe('Content-Security-Policy (e2e)', () => {
  let portal: TestPortal;

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false });
  });
  afterAll(() => portal?.close());

  it('lets JSON answers and downloads run nothing at all', async () => {
    for (const path of ['/api/catalogue/services', '/api/route-inconnue', '/health/live']) {
      const res = await request(portal.url).get(path);
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    }
  });

  it('allows no inline script and no eval on pages (Swagger UI included)', async () => {
    const res = await request(portal.url).get('/docs').redirects(1).expect(200);
    const policy = String(res.headers['content-security-policy']);
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).not.toMatch(/script-src[^;]*('unsafe-inline'|'unsafe-eval')/);
    expect(policy).toContain("default-src 'self'");
  });
});

describe('OpenAPI document and Swagger UI by environment (e2e)', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-thirty-two-characters!', SEAL_PRIVATE_KEY: Buffer.alloc(32, 7).toString('base64') };

  it.each<{ when: string; env: Record<string, string>; expected: number }>([
    { when: 'production, by default', env: production, expected: 404 },
    { when: 'production, when API_DOCS asks for them', env: { ...production, API_DOCS: 'true' }, expected: 200 },
    { when: 'development, by default', env: { NODE_ENV: 'development' }, expected: 200 },
    { when: 'development, when API_DOCS=false', env: { NODE_ENV: 'development', API_DOCS: 'false' }, expected: 404 },
  ])('$when: /docs-json answers $expected', async ({ env, expected }) => {
    const portal = await startTestPortal({ worker: false, env });
    try {
      const res = await request(portal.url).get('/docs-json');
      expect(res.status).toBe(expected);
      if (expected === 404) {
        expect(res.body.code).toBe('ROUTE_NOT_FOUND');
        expect(JSON.stringify(res.body)).not.toContain('/api/requests');
        await request(portal.url).get('/docs').expect(404);
      } else {
        expect(Object.keys(res.body.paths).length).toBeGreaterThan(50);
      }
    } finally {
      await portal.close();
      process.env.NODE_ENV = 'test';
      delete process.env.API_DOCS;
    }
  });
});
