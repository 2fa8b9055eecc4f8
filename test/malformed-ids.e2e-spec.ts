import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ERROR_CODES, ErrorCode } from '@portal/common';
import { authHeader, createAccount, login } from './support/factories';
import { nestRouteInfos } from './support/routes';
import { startTestPortal, TestPortal } from './support/test-portal';

/**
 * Every path id goes through one pipe (IdParam, libs/common): whatever the route, a value that is
 * not a UUID answers 404 with the resource's "not found" code and its French message — what an
 * unknown id answers — and never reaches PostgreSQL (where it would be a 500). The routes are read
 * from the running app, so a new route that forgets the pipe fails here.
 */

/** Path parameters that are not ids (a service's code). */
const NOT_IDS = new Set(['code']);
const MALFORMED = ['not-a-uuid', '42', '7d0c3f0e-1111-4111-8111-11111111111', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', "1' OR '1'='1"];

describe('Malformed ids in paths (e2e)', () => {
  let portal: TestPortal;
  let admin: string;

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false });
    // An admin passes every role guard, so the id is what each route answers about.
    admin = (await login(portal, await createAccount(portal, 'admin'))).accessToken;
  });

  afterAll(async () => {
    await portal?.close();
  });

  it('answers 404 with the resource’s not-found code and French message on every route taking an id', async () => {
    const routes = nestRouteInfos(portal.app)
      .map((route) => ({ ...route, ids: [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]).filter((name) => !NOT_IDS.has(name)) }))
      .filter((route) => route.ids.length > 0);
    const answers: string[] = [];
    for (const route of routes) {
      for (const malformed of route.ids) {
        for (const value of MALFORMED) {
          // The other ids well-formed, so the answer is about this one.
          const path = route.url.replace(/:(\w+)/g, (_, name: string) => (name === malformed ? encodeURIComponent(value) : randomUUID()));
          const res = await request(portal.url)[route.method.toLowerCase() as 'get'](path).set(authHeader(admin));
          const code = res.body.code as ErrorCode;
          answers.push(`${route.key} :${malformed}=${value} → ${res.status} ${code}`);
          // A route with a body validates it alongside the path: the empty body sent here may be refused first.
          if (route.body && res.status === 400 && code === 'VALIDATION_FAILED') continue;
          expect({ route: route.key, param: malformed, value, status: res.status }).toEqual({ route: route.key, param: malformed, value, status: 404 });
          expect(code).toMatch(/NOT_FOUND$/);
          expect(typeof res.body.message).toBe('string');
          expect(res.body.message).toMatch(/n'existe pas|n’existe pas/);
          if (value === MALFORMED[0]) expect(ERROR_CODES[code]).toBeDefined();
        }
      }
    }
    if (process.env.IDS_DEBUG) console.log(answers.join('\n'));
    // Not vacuous: the routes of files, documents, businesses, members, offers, sessions and admin ids are all here.
    const covered = new Set(answers.map((a) => a.split(' :')[0]));
    for (const key of [
      'GET /api/requests/:id',
      'GET /api/requests/:id/documents/:docId',
      'GET /api/requests/:id/events',
      'GET /api/agent/requests/:id',
      'GET /api/businesses/:id',
      'PATCH /api/businesses/:id/members/:membershipId',
      'POST /api/businesses/:businessId/job-offers/:offerId/withdraw',
      'GET /api/job-offers/:id',
      'DELETE /api/me/sessions/:id',
      'POST /api/me/notifications/:id/read',
      'POST /api/admin/accounts/:id/mfa/reset',
      'POST /api/admin/jobs/dead-letters/:id/replay',
      'GET /api/admin/webhooks/:id/deliveries',
    ]) {
      expect(covered).toContain(key);
    }
  });

  it('answers each resource’s own code, as for an unknown id', async () => {
    const codeOf = async (method: 'get' | 'post' | 'delete', path: string) => (await request(portal.url)[method](path).set(authHeader(admin))).body.code as string;
    expect(await codeOf('get', '/api/requests/not-a-uuid')).toBe('REQUEST_NOT_FOUND');
    expect(await codeOf('get', `/api/requests/${randomUUID()}`)).toBe('REQUEST_NOT_FOUND');
    expect(await codeOf('get', `/api/requests/${randomUUID()}/documents/not-a-uuid`)).toBe('DOCUMENT_NOT_FOUND');
    expect(await codeOf('get', '/api/businesses/not-a-uuid')).toBe('BUSINESS_NOT_FOUND');
    expect(await codeOf('get', `/api/businesses/${randomUUID()}`)).toBe('BUSINESS_NOT_FOUND');
    expect(await codeOf('get', '/api/job-offers/not-a-uuid')).toBe('JOB_OFFER_NOT_FOUND');
    expect(await codeOf('get', `/api/job-offers/${randomUUID()}`)).toBe('JOB_OFFER_NOT_FOUND');
    expect(await codeOf('get', '/api/admin/webhooks/not-a-uuid/deliveries')).toBe('WEBHOOK_NOT_FOUND');
    expect(await codeOf('get', `/api/admin/webhooks/${randomUUID()}/deliveries`)).toBe('WEBHOOK_NOT_FOUND');
    const session = await request(portal.url).delete('/api/me/sessions/not-a-uuid').set(authHeader(admin));
    const unknownSession = await request(portal.url).delete(`/api/me/sessions/${randomUUID()}`).set(authHeader(admin));
    expect([session.status, session.body.code, session.body.message]).toEqual([unknownSession.status, unknownSession.body.code, unknownSession.body.message]);
  });
});
