import { get } from 'node:http';
import request from 'supertest';
import { Request, WorklistService } from '@portal/requests';
import { authHeader, createAccount, createService, login } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);

describe('Worklist export as CSV (e2e)', () => {
  let portal: TestPortal;
  const api = () => request(portal.url);
  let agent: { accessToken: string; accountId: string };
  let serviceCode: string;

  // Files in review straight in SQL (the export reads what the worklist reads), references PS-2026-<series><i>.
  const insertFiles = async (count: number, directorate: 'DDET' | 'DEL', series: string, names: (i: number) => string) => {
    const service = await createService(portal, { directorateCode: directorate });
    const owner = await createAccount(portal, 'citizen');
    await portal.db.query(
      `INSERT INTO requests (reference, service_version_id, service_code, directorate_code, applicant_account_id, applicant_name, status, data, submitted_at, due_at)
       SELECT 'PS-2026-' || $5 || lpad(i::text, 6, '0'), $1, $2, $3, $4, ($6::text[])[i], 'in_review', '{"loyer": 85000, "commune": "Thio"}',
              now() - make_interval(hours => i), now() + make_interval(days => i)
         FROM generate_series(1, $7::int) i`,
      [service.id, service.code, directorate, owner.accountId, series, Array.from({ length: count }, (_, i) => names(i + 1)), count],
    );
    return service.code;
  };

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false, env: { REQUEST_TIMEOUT_MS: '1000' } });
    const credentials = await createAccount(portal, 'agent', 'DDET');
    agent = { ...(await login(portal, credentials)), accountId: credentials.accountId };
    serviceCode = await insertFiles(1_200, 'DDET', '1', (i) => (i === 1 ? '=HYPERLINK("http://x.example","clic")' : i === 2 ? 'Kaféat; dit "le Grand"' : `Habitant ${i}`));
    await insertFiles(5, 'DEL', '2', (i) => `Ailleurs ${i}`);
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('gives the directorate’s whole filtered worklist, in its order, with the form’s answers; nothing of another directorate', async () => {
    const res = await api().get(`/api/agent/requests/export?service=${serviceCode}&sort=submitted_at`).set(authHeader(agent.accessToken)).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="demandes-DDET-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = lines(res.text);
    expect(header).toBe('Référence;Démarche;Direction;Statut;Demandeur;RIDET;Déposée le;Échéance;En retard;Décidée le;Décision implicite;Montant accordé (XPF);Loyer mensuel;Commune');
    expect(rows).toHaveLength(1_200);
    // Newest submission first, as the worklist sorts it: PS-2026-1000001 (1 hour ago) … PS-2026-1001200.
    expect(rows.map((r) => r.split(';')[0])).toEqual(Array.from({ length: 1_200 }, (_, i) => `PS-2026-1${String(i + 1).padStart(6, '0')}`));
    expect(rows[0]).toMatch(/^PS-2026-1000001;[^;]+;DDET;en instruction;"?'=HYPERLINK\(/);
    expect(rows[1]).toContain(';"Kaféat; dit ""le Grand""";');
    expect(rows[5]).toMatch(/;non;;;;85000;Thio$/);
    expect(res.text).not.toContain('Ailleurs');

    // The same filters as the worklist (the first page of it here), and the audit knows who exported what.
    const page = await api().get(`/api/agent/requests?service=${serviceCode}&sort=submitted_at&limit=100`).set(authHeader(agent.accessToken)).expect(200);
    expect(rows.slice(0, 100).map((r) => r.split(';')[0])).toEqual(page.body.items.map((f: { reference: string }) => f.reference));
    const [audit] = (await portal.db.query(`SELECT details FROM audit_log WHERE action = 'request.worklist_exported' AND actor_id = $1`, [agent.accountId])) as Array<{ details: Record<string, string> }>;
    expect(audit.details).toMatchObject({ service: serviceCode, sort: 'submitted_at', search: false });

    // A name searched for is not kept in the append-only audit log (it could not be erased).
    await api().get('/api/agent/requests/export?q=Kaf%C3%A9at').set(authHeader(agent.accessToken)).buffer(true).expect(200);
    const logged = (await portal.db.query(`SELECT details::text AS d FROM audit_log WHERE action = 'request.worklist_exported' AND actor_id = $1`, [agent.accountId])) as Array<{ d: string }>;
    expect(logged).toHaveLength(2);
    expect(logged.map((l) => l.d).join()).not.toContain('Kaf');
  });

  it('walks the same keyset as the worklist, page after page, without repeating or skipping a file', async () => {
    const actor = { accountId: agent.accountId, sessionId: 'test', role: 'agent' as const, directorateCode: 'DDET' as const };
    const worklist = portal.app.get(WorklistService);
    const seen: string[] = [];
    for await (const page of worklist.pages(actor, { service: serviceCode }, 7)) seen.push(...page.map((r: Request) => r.id));
    expect(seen).toHaveLength(1_200);
    expect(new Set(seen).size).toBe(1_200);
    const all = await worklist.list(actor, { service: serviceCode, limit: 2_000 });
    expect(seen).toEqual(all.items.map((r) => r.id));
  });

  it('keeps streaming to a slow reader past the request timeout (the 503 is for answers not started)', async () => {
    // Megabytes: more than the sockets hold, so the answer is still being written when the timeout comes.
    const big = await insertFiles(30_000, 'DDET', '3', (i) => `Habitante numéro ${i} de la grande liste`);
    const csv = await new Promise<string>((resolve, reject) => {
      const req = get(`${portal.url}/api/agent/requests/export?service=${big}`, { headers: authHeader(agent.accessToken) }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
        // Read nothing for twice REQUEST_TIMEOUT_MS, with the headers already out.
        res.pause();
        setTimeout(() => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve(body));
          res.on('error', reject);
          res.resume();
        }, 2_000);
      });
      req.on('error', reject);
    });
    expect(lines(csv)).toHaveLength(1 + 30_000);
    expect(lines(csv).at(-1)).toMatch(/^PS-2026-3030000;/);
  });

  it('is for staff only, each within their directorate', async () => {
    const resident = await login(portal, await createAccount(portal, 'citizen'));
    await api().get('/api/agent/requests/export').set(authHeader(resident.accessToken)).expect(403);
    await api().get('/api/agent/requests/export').expect(401);
    const del = await login(portal, await createAccount(portal, 'agent', 'DEL'));
    // An agent's `directorate` filter is not a way out of their own directorate.
    const res = await api().get('/api/agent/requests/export?directorate=DDET').set(authHeader(del.accessToken)).buffer(true).expect(200);
    expect(lines(res.text)).toHaveLength(1 + 5);
    expect(res.text).toContain('Ailleurs');
    // An unknown service: an empty list, as in the worklist — the file columns only.
    const none = await api().get('/api/agent/requests/export?service=INCONNUE-0000').set(authHeader(del.accessToken)).buffer(true).expect(200);
    expect(lines(none.text)).toEqual([expect.stringMatching(/^Référence;.*;Montant accordé \(XPF\)$/)]);
    const bad = await api().get('/api/agent/requests/export?submittedFrom=2026-02-30').set(authHeader(del.accessToken)).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });
});
