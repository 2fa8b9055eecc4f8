// Canary test (issue 6, personal data): unique fake personal data sent through a whole journey
// appears in no log line of the API or the worker and in nothing held in or sent through Redis.
// The compiled apps run as in production (JSON logs), at the most verbose level; every line they
// write is kept. Redis is read two ways: every key under the run's prefix dumped with its whole
// content after each step (job hashes, return values, failed reasons, event streams…), and every
// command any client sends, seen live through MONITOR (what only passes through: pub/sub, deleted keys).
// Runs the compiled apps (dist/): `npx nest build --all` first.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import request from 'supertest';
import { Request } from '@portal/requests';
import { AppProcess, spawnApi, spawnApp } from './support/app-process';
import { attachPdf } from './support/documents';
import { authHeader, createAccount, login, registerVerified } from './support/factories';
import { Finding, LeakScanner, makeCanary } from './support/pii-canary';
import { dumpRedisKeys, monitorRedis } from './support/redis-inspection';
import { SseClient } from './support/sse-client';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

jest.setTimeout(4 * 60_000);

const canary = makeCanary();
const controlCanary = makeCanary();
const RIDET = `${randomInt(1_000_000, 10_000_000)}001`;

/** The companies register, answering for the canary's entreprise individuelle only. */
function startRegistry(): Promise<Server> {
  const establishment = {
    rid: RIDET.slice(0, 7),
    ridet: RIDET,
    legalName: canary.legalName,
    legalForm: 'EI',
    nafCode: '1623Z',
    activityLabel: 'Fabrication de charpentes et d’autres menuiseries',
    address: { street: canary.businessStreet, postcode: '98890', commune: 'Païta' },
    establishmentRank: '001',
    status: 'active',
  };
  const server = createServer((req, res) => {
    if (req.url !== `/ridet/${RIDET}`) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...establishment, establishments: [establishment] }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('Personal data canary (e2e, compiled API and worker, production logging at trace level)', () => {
  const scanner = new LeakScanner(canary);
  const findings: Finding[] = [];
  const monitored: Finding[] = [];
  const jobsSeen = new Map<string, number>();
  const failedReasonsSeen: string[] = [];
  let portal: TestPortal;
  let apiProcess: AppProcess & { url: string };
  let workerProcess: AppProcess;
  let registry: Server;
  let redis: Redis;
  let monitor: { stop(): void };
  let storageDir: string;
  let prefix: string;
  let commandsMonitored = 0;
  const api = () => request(apiProcess.url);
  const viaApi = (): TestPortal => ({ ...portal, url: apiProcess.url });

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false });
    prefix = process.env.QUEUE_PREFIX!;
    registry = await startRegistry();
    storageDir = mkdtempSync(join(tmpdir(), 'portal-canary-'));
    redis = new Redis(process.env.REDIS_URL!);
    monitor = await monitorRedis(process.env.REDIS_URL!, (line) => {
      commandsMonitored++;
      const key = new RegExp(`"(${prefix}:[^"]*)"`).exec(line)?.[1] ?? line.split(' ')[3];
      monitored.push(...scanner.scan(`Redis command on ${key} (MONITOR)`, line));
    });
    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'trace',
      LOG_PRETTY: 'false',
      JWT_SECRET: randomBytes(32).toString('hex'),
      SEAL_PRIVATE_KEY: randomBytes(32).toString('base64'),
      STORAGE_DIR: storageDir,
      BUSINESS_REGISTRY_URL: `http://127.0.0.1:${(registry.address() as { port: number }).port}`,
    };
    workerProcess = spawnApp('worker', env);
    apiProcess = await spawnApi(env);
    await eventually(async () => workerProcess.lines.some((l) => l.includes('processing')), 30_000, 'the worker to start');
  });

  afterAll(async () => {
    await Promise.all([apiProcess?.stop(), workerProcess?.stop()]);
    monitor?.stop();
    redis?.disconnect();
    registry?.close();
    await portal?.close();
    if (storageDir) rmSync(storageDir, { recursive: true, force: true });
  });

  /** Dumps every key of the run with its content and looks for the canary in names and values. */
  async function checkpoint(after: string): Promise<void> {
    for (const { key, type, content } of await dumpRedisKeys(redis, `${prefix}:*`)) {
      findings.push(...scanner.scan(`Redis ${type} ${key} (after ${after})`, `${key}\n${content}`));
      if (type !== 'hash') continue;
      const field = (name: string) => new RegExp(`^${name}\\n(.*)$`, 'm').exec(content)?.[1];
      const name = field('name');
      if (name && field('data')) jobsSeen.set(name, (jobsSeen.get(name) ?? 0) + 1);
      const failedReason = field('failedReason');
      if (failedReason) failedReasonsSeen.push(failedReason);
    }
  }

  async function inReview(id: string): Promise<Request> {
    return eventually(async () => {
      const r = await portal.db.manager.findOneBy(Request, { id });
      return r?.status === 'in_review' ? r : null;
    }, 20_000, `intake of ${id}`);
  }

  it('leaves no trace of the canary in any log line, Redis key, job payload or Redis command', async () => {
    // Negative control: the scanner finds the canary in a key dump and in MONITOR's stream.
    await redis.hset(`${prefix}:canary-control`, 'payload', JSON.stringify({ email: canary.email, name: canary.lastName }));
    const control = (await dumpRedisKeys(redis, `${prefix}:canary-control`)).flatMap(({ key, content }) => scanner.scan(key, content));
    expect(control.map((f) => f.value)).toEqual(expect.arrayContaining(['email', 'lastName', 'tag']));
    const monitoredControl = () => monitored.filter((f) => f.where.includes('canary-control')).map((f) => f.value);
    await eventually(async () => monitoredControl().includes('lastName'), 5_000, 'MONITOR to see the control key');
    expect(monitoredControl()).toEqual(expect.arrayContaining(['email', 'lastName', 'tag']));
    await redis.del(`${prefix}:canary-control`);

    // Register, verify the email, a wrong password, then log in; forgot password.
    const me = await registerVerified(viaApi(), { email: canary.email, firstName: canary.firstName, lastName: canary.lastName });
    await checkpoint('registration');
    expect((await api().post('/api/auth/login').send({ email: canary.email, password: canary.password }).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    await checkpoint('a failed login');
    const { accessToken: token } = await login(viaApi(), me);
    const sse = await SseClient.connect(`${apiProcess.url}/api/me/events`, authHeader(token));
    expect(sse.status).toBe(200);
    await api().post('/api/auth/password/forgot').send({ email: canary.email.toUpperCase() }).expect(202);
    await portal.smtp.waitFor((m) => m.to.includes(canary.email) && m.subject.startsWith('Réinitialisation'));
    await checkpoint('a password reset request');

    // Profile, then bad input carrying personal data (validation errors, unknown fields, malformed JSON).
    const profile = await api()
      .patch('/api/me')
      .set(authHeader(token))
      .send({ civility: 'Mme', birthDate: canary.birthDate, phone: canary.phone, addressLine1: canary.addressLine1, addressLine2: canary.addressLine2, postcode: '98890', commune: 'Païta' })
      .expect(200);
    expect(profile.body).toMatchObject({ phone: `+${canary.fixedForms.phone[0]}`, birthDate: canary.birthDate, addressLine1: canary.addressLine1 });
    await api().patch('/api/me').set(authHeader(token)).send({ phone: canary.email }).expect(400);
    await api().patch('/api/me').set(authHeader(token)).send({ birthDate: canary.fixedForms.birthDate[1] }).expect(400);
    await api().patch('/api/me').set(authHeader(token)).send({ nomDeNaissance: canary.lastName }).expect(400);
    await api().patch('/api/me').set(authHeader(token)).send({ addressLine2: `${canary.addressLine2}\u0000` });
    await api().post('/api/auth/login').set('content-type', 'application/json').send(`{"email":"${canary.email}","password":${canary.password}}`).expect(400);
    await api().post('/api/auth/register').send({ email: canary.email, password: canary.password, firstName: canary.firstName, lastName: canary.lastName }).expect((r) => expect(r.status).toBeLessThan(500));
    await checkpoint('profile and bad input');

    // Link the canary's entreprise individuelle: its DAJI file, completed, proved and submitted.
    const [daji, ddet] = await Promise.all([createAccount(portal, 'agent', 'DAJI'), createAccount(portal, 'agent', 'DDET')]);
    const [dajiToken, ddetToken] = [(await login(viaApi(), daji)).accessToken, (await login(viaApi(), ddet)).accessToken];
    const link = await api().post('/api/me/business-links').set(authHeader(token)).send({ ridet: RIDET, role: 'legal_representative' }).expect(201);
    expect(link.body).toMatchObject({ legalName: canary.legalName, registryStatus: 'active' });
    const linkFile = await api().get(`/api/requests/${link.body.requestId}`).set(authHeader(token)).expect(200);
    await api().patch(`/api/requests/${link.body.requestId}`).set(authHeader(token)).send({ data: { ...linkFile.body.data, fonction: canary.fonction } }).expect(200);
    await attachPdf(viaApi(), token, link.body.requestId, 'justificatif_pouvoir', canary.fileName);
    await api().post(`/api/requests/${link.body.requestId}/submit`).set(authHeader(token)).set('idempotency-key', randomUUID()).send({}).expect(200);
    const linkInReview = await inReview(link.body.requestId);
    await api().post(`/api/agent/requests/${linkInReview.id}/transition`).set(authHeader(dajiToken)).send({ action: 'approve', expectedVersion: linkInReview.version }).expect(200);
    await api().post(`/api/businesses/${link.body.businessId}/invitations`).set(authHeader(token)).send({ email: canary.colleagueEmail, role: 'member', scopeDirectorates: ['DDET'] }).expect(201);
    await portal.smtp.waitFor((m) => m.to.includes(canary.colleagueEmail));
    await checkpoint('the business link and an invitation');

    // An aid request for the business: free text, documents, submission, intake by the worker.
    const draft = await api()
      .post('/api/requests')
      .set(authHeader(token))
      .send({ serviceCode: 'DDET-CREATION-ENTREPRISE', businessId: link.body.businessId, data: { montant_demande: 2_500_000, description_projet: canary.projectDescription, emplois_crees: 2, commune_implantation: 'Païta', date_debut_activite: '2026-01-15' } })
      .expect(201);
    const aidId = draft.body.id as string;
    await attachPdf(viaApi(), token, aidId, 'business_plan', canary.fileName);
    for (const type of ['devis', 'rib']) await attachPdf(viaApi(), token, aidId, type);
    await api().post(`/api/requests/${aidId}/submit`).set(authHeader(token)).set('idempotency-key', randomUUID()).send({}).expect(200);
    const aid = await inReview(aidId);
    await checkpoint('submission and intake');

    // The agent finds the file by the applicant's name (a query string), notes, asks for more; the
    // mail relay refuses the next email once, naming the address as real relays do.
    await api().get('/api/agent/requests').query({ q: canary.lastName, status: 'in_review' }).set(authHeader(ddetToken)).expect(200);
    await api().get(`/api/agent/requests/${aidId}`).set(authHeader(ddetToken)).expect(200);
    await api().post(`/api/agent/requests/${aidId}/notes`).set(authHeader(ddetToken)).send({ body: canary.agentNote }).expect(201);
    portal.smtp.refuseRecipientOnce.add(canary.email);
    await api().post(`/api/agent/requests/${aidId}/transition`).set(authHeader(ddetToken)).send({ action: 'request_info', message: canary.agentMessage, expectedVersion: aid.version }).expect(200);
    await portal.smtp.waitFor((m) => m.to.includes(canary.email) && m.text.includes(canary.agentMessage), 30_000);
    expect(portal.smtp.refuseRecipientOnce.size).toBe(0);
    await checkpoint('an information request (one email refused, then retried)');

    // The applicant answers and writes; the agent answers and decides.
    const resubmitted = await api().post(`/api/requests/${aidId}/resubmit`).set(authHeader(token)).send({ message: canary.applicantAnswer }).expect(200);
    await api().post(`/api/requests/${aidId}/messages`).set(authHeader(token)).send({ body: canary.applicantMessage }).expect(201);
    await api().post(`/api/agent/requests/${aidId}/messages`).set(authHeader(ddetToken)).send({ body: `Réponse à ${canary.firstName} : oui.` }).expect(201);
    await api().post(`/api/agent/requests/${aidId}/transition`).set(authHeader(ddetToken)).send({ action: 'approve', grantedAmountXpf: 2_000_000, expectedVersion: resubmitted.body.version }).expect(200);
    await sse.waitFor((frames) => frames.some((f) => f.event === 'decided' && JSON.stringify(f.data).includes(aidId)), 20_000, 'the decision, live');
    await portal.smtp.waitFor((m) => m.to.includes(canary.email) && m.subject.includes('acceptée'), 20_000);
    await checkpoint('the decision');

    // Everything read back: file, timeline, messages, documents (one downloaded), notifications, export.
    for (const path of [`/api/requests/${aidId}`, `/api/requests/${aidId}/timeline`, `/api/requests/${aidId}/messages`, '/api/me/notifications', '/api/me/businesses']) {
      await api().get(path).set(authHeader(token)).expect(200);
    }
    const documents = await api().get(`/api/requests/${aidId}/documents`).set(authHeader(token)).expect(200);
    const proof = documents.body.find((d: { documentType: string }) => d.documentType === 'business_plan');
    await api().get(`/api/requests/${aidId}/documents/${proof.id}`).set(authHeader(token)).expect(200);
    // The request id of this one is a second canary's tag: the control that request logs are scanned.
    const exported = await api().get('/api/me/export').set(authHeader(token)).set('x-request-id', controlCanary.tag).expect(200);
    expect(JSON.stringify(exported.body)).toContain(canary.projectDescription);
    sse.close();

    // Quiet: every outbox row relayed, every job done (the refused email retried; only deadlines wait,
    // months ahead); then the last dump, and the apps stop (logs flushed).
    await eventually(async () => {
      const [{ pending }] = await portal.db.query(`SELECT count(*)::int AS pending FROM outbox_messages WHERE sent_at IS NULL`);
      const busy = await Promise.all([
        ...['workflow', 'notifications', 'letters'].flatMap((q) => [redis.llen(`${prefix}:${q}:wait`), redis.llen(`${prefix}:${q}:active`)]),
        redis.zcard(`${prefix}:notifications:delayed`),
      ]);
      return pending === 0 && busy.every((n) => n === 0);
    }, 30_000, 'the worker to finish');
    await checkpoint('the end of the journey');
    await Promise.all([apiProcess.stop(), workerProcess.stop()]);

    const logs = { api: apiProcess.lines, worker: workerProcess.lines };
    for (const [app, lines] of Object.entries(logs)) lines.forEach((line, i) => findings.push(...scanner.scan(`${app} log line ${i + 1}`, line)));
    findings.push(...monitored.filter((f) => !f.where.includes('canary-control')));

    // Not vacuous: the logs were captured in production format, request by request, and the run's
    // Redis held job payloads (of every kind the journey causes) and a failed reason.
    const requestLogs = logs.api.filter((l) => l.startsWith('{"level":') && l.includes('"req":'));
    expect(requestLogs.length).toBeGreaterThan(30);
    expect(new LeakScanner(controlCanary).scan('control', logs.api.join('\n')).map((f) => f.value)).toEqual(['tag']);
    expect(logs.worker.some((l) => l.includes('email.send#') && l.includes('failed'))).toBe(true);
    expect([...jobsSeen.keys()]).toEqual(expect.arrayContaining(['email.send', 'request.intake', 'request.notify', 'request.deadline']));
    expect(failedReasonsSeen.length).toBeGreaterThan(0);
    expect(commandsMonitored).toBeGreaterThan(500);

    // And the canary is where it belongs, in PostgreSQL, where the scanner does find it (never the password).
    const stored = new Set<string>();
    for (const table of ['accounts', 'businesses', 'business_invitations', 'requests', 'request_documents', 'request_messages', 'request_notes', 'email_messages']) {
      const rows: Array<{ row: string }> = await portal.db.query(`SELECT to_jsonb(t)::text AS row FROM ${table} t`);
      rows.forEach(({ row }) => scanner.scan(table, row).forEach((f) => stored.add(f.value)));
    }
    expect([...stored].sort()).toEqual(
      [
        'addressLine1', 'addressLine2', 'agentMessage', 'agentNote', 'applicantAnswer', 'applicantMessage', 'birthDate', 'businessStreet', 'colleagueEmail', 'email',
        'fileName', 'firstName', 'fonction', 'lastName', 'legalName', 'phone', 'projectDescription', 'tag',
      ].sort(),
    );

    // One line per place (a key across checkpoints counts once): which values leaked, and an excerpt.
    const leaks = new Map<string, { values: Set<string>; excerpt: string }>();
    for (const f of findings) {
      const place = f.where.replace(/ \(after .*\)$/, '');
      if (!leaks.has(place)) leaks.set(place, { values: new Set(), excerpt: f.excerpt });
      leaks.get(place)!.values.add(f.value);
    }
    expect([...leaks].map(([place, { values, excerpt }]) => `${place} [${[...values].join(', ')}]: …${excerpt}…`)).toEqual([]);
  });
});
