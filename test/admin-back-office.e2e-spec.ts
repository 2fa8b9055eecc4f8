import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditEntry } from '@portal/audit';
import { authHeader, createAccount, createService, login } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

/**
 * The API routes the back office's administration pages need beside the existing ones: the staff
 * list and deactivation, every service with its versions, one numbered version of a service (the
 * form a draft was begun under), and the audit chain checked on demand.
 */
describe('Administration routes of the back office (e2e)', () => {
  let portal: TestPortal;
  let admin: { accountId: string; token: string };
  const api = () => request(portal.url);
  const asAdmin = (method: 'get' | 'post', path: string) => api()[method](path).set(authHeader(admin.token));

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false, env: { RATE_LIMIT_PER_MINUTE: '1000000', LOGIN_MAX_FAILURES_PER_IP: '1000000' } });
    const credentials = await createAccount(portal, 'admin');
    admin = { accountId: credentials.accountId, token: (await login(portal, credentials)).accessToken };
  });
  afterAll(() => portal?.close());

  describe('staff accounts', () => {
    it('lists agents, supervisors and admins with their directorate — never residents', async () => {
      const agent = await createAccount(portal, 'agent', 'DDET');
      const supervisor = await createAccount(portal, 'supervisor', 'DEL');
      const resident = await createAccount(portal, 'citizen');
      const res = await asAdmin('get', '/api/admin/agents').expect(200);
      const staff = res.body as Array<{ id: string; role: string; directorateCode: string | null; directorateName: string | null; status: string }>;
      const ids = staff.map((s) => s.id);
      expect(ids).toEqual(expect.arrayContaining([agent.accountId, supervisor.accountId, admin.accountId]));
      expect(ids).not.toContain(resident.accountId);
      expect(staff.find((s) => s.id === agent.accountId)).toMatchObject({ role: 'agent', directorateCode: 'DDET', directorateName: expect.stringContaining('Développement'), status: 'active' });
      // By directorate, admins (no directorate) last.
      const directorates = staff.map((s) => s.directorateCode ?? '~');
      expect(directorates).toEqual([...directorates].sort());
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|\$argon2/);
    });

    it('deactivates an agent: their session stops at once, they cannot sign in again, the act is audited; twice is the same', async () => {
      const agent = await createAccount(portal, 'agent', 'DEL');
      const agentToken = (await login(portal, agent)).accessToken;
      await api().get('/api/me').set(authHeader(agentToken)).expect(200);

      const res = await asAdmin('post', `/api/admin/agents/${agent.accountId}/deactivate`).expect(200);
      expect(res.body).toMatchObject({ id: agent.accountId, status: 'disabled', role: 'agent' });
      await api().get('/api/me').set(authHeader(agentToken)).expect(401);
      const relogin = await api().post('/api/auth/login').send({ email: agent.email, password: agent.password });
      expect(relogin.body).toMatchObject({ code: 'ACCOUNT_DISABLED' });

      await asAdmin('post', `/api/admin/agents/${agent.accountId}/deactivate`).expect(200);
      const audited = await portal.db.manager.find(AuditEntry, { where: { action: 'account.disabled', targetId: agent.accountId } });
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({ actorId: admin.accountId, details: { role: 'agent', directorateCode: 'DEL' } });
    });

    it('refuses to deactivate an admin (403) and answers 404 for a resident, an unknown or a malformed id; nothing changes', async () => {
      const otherAdmin = await createAccount(portal, 'admin');
      const resident = await createAccount(portal, 'citizen');
      const refused = await asAdmin('post', `/api/admin/agents/${otherAdmin.accountId}/deactivate`).expect(403);
      expect(refused.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('administrateur') });
      for (const id of [resident.accountId, '7c2b1d4e-0000-4000-8000-000000000000', 'pas-un-id']) {
        const res = await asAdmin('post', `/api/admin/agents/${id}/deactivate`).expect(404);
        expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/n'existe pas/) });
      }
      const statuses = (await portal.db.query('SELECT status FROM accounts WHERE id = ANY($1)', [[otherAdmin.accountId, resident.accountId]])) as Array<{ status: string }>;
      expect(statuses.map((s) => s.status)).toEqual(['active', 'active']);
    });
  });

  describe('services and their versions', () => {
    const publish = (code: string, body: Record<string, unknown>) => asAdmin('post', `/api/catalogue/services/${code}/versions`).send(body);

    it('lists every service, closed ones included, and a service’s versions newest first', async () => {
      const service = await createService(portal);
      const v1 = (await asAdmin('get', `/api/admin/services/${service.code}/versions`).expect(200)).body as Array<{ version: number }>;
      expect(v1.map((v) => v.version)).toEqual([1]);
      const { id: _id, code: _code, version: _version, publishedAt: _at, publishedBy: _by, ...definition } = service as unknown as Record<string, unknown>;
      await publish(service.code, { ...definition, title: 'Aide de test fermée', open: false }).expect(201);

      const all = (await asAdmin('get', '/api/admin/services').expect(200)).body as Array<{ code: string; version: number; open: boolean }>;
      expect(all.find((s) => s.code === service.code)).toMatchObject({ version: 2, open: false });
      // The public catalogue no longer shows it.
      const open = (await api().get('/api/catalogue/services').expect(200)).body as Array<{ code: string }>;
      expect(open.map((s) => s.code)).not.toContain(service.code);

      const versions = (await asAdmin('get', `/api/admin/services/${service.code}/versions`).expect(200)).body as Array<{ version: number; title: string; formSchema: object }>;
      expect(versions.map((v) => [v.version, v.title])).toEqual([[2, 'Aide de test fermée'], [1, 'Aide de test']]);
      expect(versions[1].formSchema).toEqual(service.formSchema);
      await asAdmin('get', '/api/admin/services/TEST-INCONNUE/versions').expect(404);
      await asAdmin('get', '/api/admin/services/pas%20un%20code/versions').expect(400);
    });

    it('serves one numbered version publicly, so a draft keeps the form it was begun under', async () => {
      const service = await createService(portal);
      const { id: _id, code: _code, version: _version, publishedAt: _at, publishedBy: _by, ...definition } = service as unknown as Record<string, unknown>;
      const formV2 = { version: 2, fields: [{ key: 'commune', type: 'commune', label: 'Commune', required: true }] };
      await publish(service.code, { ...definition, formSchema: formV2, open: true }).expect(201);

      const first = await api().get(`/api/catalogue/services/${service.code}/versions/1`).expect(200);
      expect(first.body).toMatchObject({ code: service.code, version: 1, formSchema: service.formSchema });
      const second = await api().get(`/api/catalogue/services/${service.code}/versions/2`).expect(200);
      expect(second.body).toMatchObject({ version: 2, formSchema: formV2 });
      await api().get(`/api/catalogue/services/${service.code}/versions/3`).expect(404);
      for (const bad of ['0', 'deux', '1.5', '99999999999']) {
        const res = await api().get(`/api/catalogue/services/${service.code}/versions/${bad}`).expect(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      }
    });
  });

  describe('audit chain', () => {
    it('is checked on demand: intact, with its head as an anchor; a wrong anchor or a tampered entry is reported', async () => {
      const intact = (await asAdmin('post', '/api/admin/audit/verify').send({}).expect(200)).body as { ok: boolean; count: number; head: string };
      expect(intact).toMatchObject({ ok: true, brokenId: null, breach: null });
      expect(intact.count).toBeGreaterThan(0);
      expect(intact.head).toMatch(/^\d+:[0-9a-f]{64}$/);

      const anchored = await asAdmin('post', '/api/admin/audit/verify').send({ anchor: intact.head }).expect(200);
      expect(anchored.body).toMatchObject({ ok: true });
      const [anchorId] = intact.head.split(':');
      const rewritten = await asAdmin('post', '/api/admin/audit/verify').send({ anchor: `${anchorId}:${'a'.repeat(64)}` }).expect(200);
      expect(rewritten.body).toMatchObject({ ok: false, brokenId: anchorId, breach: 'anchor_changed' });
      const malformed = await asAdmin('post', '/api/admin/audit/verify').send({ anchor: 'pas une ancre' }).expect(400);
      expect(malformed.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'anchor' })] });

      // Behind the triggers, as the database owner: one entry's content changed.
      const owner = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize();
      try {
        await owner.transaction(async (m) => {
          await m.query('SET LOCAL session_replication_role = replica');
          await m.query(`UPDATE audit_log SET details = '{"forged": true}' WHERE id = $1`, [anchorId]);
        });
      } finally {
        await owner.destroy();
      }
      const tampered = await asAdmin('post', '/api/admin/audit/verify').send({}).expect(200);
      expect(tampered.body).toMatchObject({ ok: false, brokenId: anchorId, breach: 'content', head: null });
    });
  });
});
