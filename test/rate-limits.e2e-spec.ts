import request from 'supertest';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../apps/api/src/bootstrap';
import { registerVerified } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

/** Limits live in Redis, so they hold across API instances (two here, sharing one Redis). */
describe('Rate limits across two API instances (e2e)', () => {
  let portal: TestPortal;
  let second: NestFastifyApplication;
  let secondUrl: string;

  beforeAll(async () => {
    portal = await startTestPortal({ env: { RATE_LIMIT_PER_MINUTE: '20', LOGIN_MAX_FAILURES_PER_ACCOUNT: '6', LOGIN_WINDOW_SECONDS: '3' } });
    second = await createApiApp();
    await second.listen({ port: 0, host: '127.0.0.1' });
    secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await second?.close();
    await portal?.close();
  });

  it('counts failed logins for one account across both instances, then lets the owner in after the window', async () => {
    const user = await registerVerified(portal);
    const instances = [portal.url, secondUrl];
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await request(instances[i % 2]).post('/api/auth/login').send({ email: user.email, password: `mauvais mot de passe ${i}` });
      statuses.push(res.status);
    }
    // At most the limit is evaluated, whichever instance answers; the rest are refused before any password check.
    expect(statuses.filter((s) => s === 401)).toHaveLength(6);
    expect(statuses.slice(6).every((s) => s === 429)).toBe(true);
    for (const url of instances) {
      const blocked = await request(url).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(429);
      expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
    }
    await new Promise((r) => setTimeout(r, 3_200));
    await request(secondUrl).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
  });

  it('applies the per-IP request limit across both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await request(i % 2 ? secondUrl : portal.url).get('/api/catalogue/services')).status);
    }
    // Some of the 20 allowed were spent by the registration above; never more than 20 in the minute.
    const ok = statuses.filter((s) => s === 200).length;
    expect(ok).toBeLessThanOrEqual(20);
    expect(statuses.filter((s) => s === 429).length).toBe(30 - ok);
    const refused = await request(portal.url).get('/api/catalogue/services').expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
  });
});
