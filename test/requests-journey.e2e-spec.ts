import request from 'supertest';
import { DeadlinesService, DOCUMENT_STORAGE, DocumentStorage, IntakeService, Request, RequestEvent, RequestNotifier } from '@portal/requests';
import { Notification } from '@portal/notifications';
import { attachPdf, PDF } from './support/documents';
import { authHeader, createAccount, createDraft, createService, login, registerVerified } from './support/factories';
import { ADVISORY_LOCKS } from '@portal/database';
import { QueueBackend } from '@portal/infra';
import { Sweeper } from '../apps/worker/src/sweeper.service';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

describe('A file from draft to decision (e2e, worker running)', () => {
  let portal: TestPortal;
  const api = () => request(portal.url);

  beforeAll(async () => {
    portal = await startTestPortal();
  });
  afterAll(() => portal?.close());

  async function fileAndSubmit(token: string, serviceCode: string) {
    const draft = await createDraft(portal, token, serviceCode);
    const submitted = await api().post(`/api/requests/${draft.id}/submit`).set(authHeader(token)).set('idempotency-key', `k-${draft.id}`).send({}).expect(200);
    return submitted.body as { id: string; reference: string; version: number; status: string };
  }

  it('walks the whole journey: submit → intake → info requested → resubmitted → approved, all visible to the applicant', async () => {
    // Minutes, so the suspension while awaiting the applicant visibly moves the due date.
    const service = await createService(portal, {
      directorateCode: 'DDET',
      deadlineRule: { outcome: 'implicit_rejection', duration: { unit: 'minutes', value: 600 }, suspendedWhileAwaitingApplicant: true },
    });
    const agentAccount = await createAccount(portal, 'agent', 'DDET');
    const agent = await login(portal, agentAccount);
    const resident = await registerVerified(portal, { firstName: 'Jeanne' });
    const { accessToken } = await login(portal, resident);

    const draft = await createDraft(portal, accessToken, service.code, { loyer: 85_000 });
    const incomplete = await api().post(`/api/requests/${draft.id}/submit`).set(authHeader(accessToken)).set('idempotency-key', `first-${draft.id}`).send({}).expect(400);
    expect(incomplete.body.details).toEqual([expect.objectContaining({ field: 'commune', code: 'REQUIRED' })]);
    await api().patch(`/api/requests/${draft.id}`).set(authHeader(accessToken)).send({ data: { loyer: '85 000', commune: 'Dumbéa' } }).expect(200);

    const submitted = await api().post(`/api/requests/${draft.id}/submit`).set(authHeader(accessToken)).set('idempotency-key', `first-${draft.id}`).send({}).expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', data: { loyer: 85_000, commune: 'Dumbéa' } });
    expect(submitted.body.reference).toMatch(/^PS-20\d\d-\d{6}$/);
    expect(submitted.body.deadline).toMatchObject({ outcome: 'implicit_rejection', dueDate: expect.stringMatching(/^\d\d\/\d\d\/\d{4}$/) });
    expect(submitted.body.deadline.explanation).toContain('réputée rejetée');

    // Intake (the worker) routes to DDET and assigns the least-loaded agent.
    const routed = await eventually(async () => {
      const r = await portal.db.manager.findOneBy(Request, { id: draft.id });
      return r?.status === 'in_review' ? r : null;
    }, 15_000, 'intake');
    expect(routed.assigneeId).toBe(agentAccount.accountId);

    const worklist = await api().get('/api/agent/requests?assignee=me&status=in_review').set(authHeader(agent.accessToken)).expect(200);
    expect(worklist.body.items.map((i: { id: string }) => i.id)).toContain(draft.id);
    const file = await api().get(`/api/agent/requests/${draft.id}`).set(authHeader(agent.accessToken)).expect(200);
    expect(file.body.request).toMatchObject({ applicantName: 'Jeanne Wahnyamalla', status: 'in_review' });

    await api().post(`/api/agent/requests/${draft.id}/notes`).set(authHeader(agent.accessToken)).send({ body: 'Vérifier le bail.' }).expect(201);
    const info = await api()
      .post(`/api/agent/requests/${draft.id}/transition`)
      .set(authHeader(agent.accessToken))
      .send({ action: 'request_info', message: 'Merci de préciser le loyer hors charges.', expectedVersion: file.body.request.version })
      .expect(200);
    expect(info.body.status).toBe('awaiting_applicant');

    const mine = await api().get(`/api/requests/${draft.id}`).set(authHeader(accessToken)).expect(200);
    expect(mine.body).toMatchObject({ status: 'awaiting_applicant', statusLabel: 'en attente de compléments', allowedActions: ['resubmit', 'withdraw'] });
    expect(mine.body.deadline.suspended).toBe(true);

    await new Promise((r) => setTimeout(r, 50));
    const resubmitted = await api()
      .post(`/api/requests/${draft.id}/resubmit`)
      .set(authHeader(accessToken))
      .send({ data: { loyer: 80_000, commune: 'Dumbéa' }, message: 'Le loyer hors charges est de 80 000 XPF.' })
      .expect(200);
    expect(resubmitted.body.status).toBe('in_review');
    // The clock stood still while the file waited for the applicant.
    expect(new Date(resubmitted.body.deadline.dueAt).getTime()).toBeGreaterThan(new Date(submitted.body.deadline.dueAt).getTime());

    const approved = await api()
      .post(`/api/agent/requests/${draft.id}/transition`)
      .set(authHeader(agent.accessToken))
      .send({ action: 'approve', expectedVersion: resubmitted.body.version })
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', decisionKind: 'explicit' });

    // The letters the worker issues (receipt, decision letter) land on the timeline as they come.
    const letters = await eventually(async () => {
      const res = await api().get(`/api/requests/${draft.id}/documents`).set(authHeader(accessToken)).expect(200);
      return res.body.filter((d: { origin: string }) => d.origin === 'portal').length === 2 ? res.body : null;
    }, 20_000, 'the receipt and the decision letter');
    expect(letters.map((d: { documentType: string }) => d.documentType).sort()).toEqual(['lettre_decision', 'recepisse_depot']);
    const timeline = await api().get(`/api/requests/${draft.id}/timeline`).set(authHeader(accessToken)).expect(200);
    expect(timeline.body.filter((e: { type: string }) => e.type === 'document_issued').map((e: { label: string }) => e.label).sort()).toEqual(['Lettre de décision', 'Récépissé de dépôt']);
    timeline.body = timeline.body.filter((e: { type: string }) => e.type !== 'document_issued');
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual(['created', 'submitted', 'routed', 'info_requested', 'resubmitted', 'decided']);
    expect(timeline.body.map((e: { label: string }) => e.label)).toEqual([
      'Création du brouillon', 'Dépôt de la demande', 'Transmission au service instructeur', 'Demande de compléments', 'Envoi des compléments', 'Demande acceptée',
    ]);
    // Internal notes and assignments never reach the applicant.
    expect(JSON.stringify(timeline.body)).not.toContain('Vérifier le bail');
    const ids = timeline.body.map((e: { id: string }) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);

    const messages = await api().get(`/api/requests/${draft.id}/messages`).set(authHeader(accessToken)).expect(200);
    expect(messages.body.map((m: { from: string }) => m.from)).toEqual(['agent', 'applicant']);

    // One in-app notification and one email per applicant-visible event caused by others.
    const notifications = await eventually(async () => {
      const res = await api().get('/api/me/notifications').set(authHeader(accessToken)).expect(200);
      return res.body.length >= 7 ? (res.body as Array<{ title: string; id: string }>) : null;
    }, 15_000, 'notifications');
    expect(notifications.map((n) => n.title.split(' — ')[1]).sort()).toEqual(
      ['Demande acceptée', 'Demande de compléments', 'Dépôt de la demande', 'Envoi des compléments', 'Transmission au service instructeur', 'Récépissé de dépôt', 'Lettre de décision'].sort(),
    );
    await api().post(`/api/me/notifications/${notifications[0].id}/read`).set(authHeader(accessToken)).expect(204);
    const emails = await eventually(async () => {
      const got = portal.smtp.for(resident.email).filter((m) => m.subject.startsWith(submitted.body.reference));
      return got.length >= 5 ? got : null;
    }, 15_000, 'emails');
    expect(emails.find((m) => m.subject.includes('Demande de compléments'))!.text).toContain('Merci de préciser le loyer hors charges.');
  });

  it('keeps files private: other residents and other directorates get 404', async () => {
    const service = await createService(portal, { directorateCode: 'DEL' });
    const owner = await login(portal, await registerVerified(portal));
    const other = await login(portal, await registerVerified(portal));
    const otherAgent = await login(portal, await createAccount(portal, 'agent', 'DAJI'));
    const otherSupervisor = await login(portal, await createAccount(portal, 'supervisor', 'DDET'));
    const { id } = await fileAndSubmit(owner.accessToken, service.code);

    for (const path of [`/api/requests/${id}`, `/api/requests/${id}/timeline`, `/api/requests/${id}/messages`]) {
      const res = await api().get(path).set(authHeader(other.accessToken)).expect(404);
      expect(res.body.code).toBe('REQUEST_NOT_FOUND');
    }
    await api().post(`/api/requests/${id}/withdraw`).set(authHeader(other.accessToken)).expect(404);
    await api().post(`/api/requests/${id}/messages`).set(authHeader(other.accessToken)).send({ body: 'Bonjour' }).expect(404);
    for (const token of [otherAgent.accessToken, otherSupervisor.accessToken]) {
      await api().get(`/api/agent/requests/${id}`).set(authHeader(token)).expect(404);
      await api().post(`/api/agent/requests/${id}/notes`).set(authHeader(token)).send({ body: 'x' }).expect(404);
      const list = await api().get('/api/agent/requests').set(authHeader(token)).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    }
    // A resident cannot use the agents' routes at all.
    const refused = await api().post(`/api/agent/requests/${id}/transition`).set(authHeader(owner.accessToken)).send({ action: 'approve', expectedVersion: 1 }).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    await api().get('/api/requests/not-a-uuid').set(authHeader(owner.accessToken)).expect(404);
  });

  it('refuses transitions in the wrong state, and reject/close without a reason, request_info without a message', async () => {
    const service = await createService(portal, { directorateCode: 'DAJI' });
    const agent = await login(portal, await createAccount(portal, 'agent', 'DAJI'));
    const owner = await login(portal, await registerVerified(portal));
    const { id } = await fileAndSubmit(owner.accessToken, service.code);
    const inReview = await eventually(async () => {
      const r = await portal.db.manager.findOneBy(Request, { id });
      return r?.status === 'in_review' ? r : null;
    });
    const transition = (body: object) => api().post(`/api/agent/requests/${id}/transition`).set(authHeader(agent.accessToken)).send({ expectedVersion: inReview.version, ...body });

    expect((await transition({ action: 'reject' }).expect(400)).body.details[0].field).toBe('reason');
    expect((await transition({ action: 'close', reason: '   ' }).expect(400)).body.details[0].field).toBe('reason');
    expect((await transition({ action: 'request_info' }).expect(400)).body.details[0].field).toBe('message');
    expect((await transition({ action: 'start_review' }).expect(409)).body.code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await transition({ action: 'submit' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await transition({ action: 'approve', expectedVersion: inReview.version - 1 }).expect(409)).body.code).toBe('CONFLICT');
    await transition({ action: 'reject', reason: 'Dossier hors périmètre.' }).expect(200);
    expect((await transition({ action: 'approve', expectedVersion: inReview.version + 1 }).expect(409)).body.code).toBe('TRANSITION_NOT_ALLOWED');
    await api().post(`/api/requests/${id}/withdraw`).set(authHeader(owner.accessToken)).expect(409);
  });

  it('lets exactly one of 50 parallel transitions win; the others get 409 and one event is written', async () => {
    const service = await createService(portal, { directorateCode: 'DEL' });
    const agents = await Promise.all([0, 1, 2].map(async () => login(portal, await createAccount(portal, 'agent', 'DEL'))));
    const owner = await login(portal, await registerVerified(portal));
    const { id } = await fileAndSubmit(owner.accessToken, service.code);
    const inReview = await eventually(async () => {
      const r = await portal.db.manager.findOneBy(Request, { id });
      return r?.status === 'in_review' ? r : null;
    });
    const actions = ['approve', 'reject', 'close', 'request_info'];
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api()
          .post(`/api/agent/requests/${id}/transition`)
          .set(authHeader(agents[i % 3].accessToken))
          .send({ action: actions[i % 4], reason: 'Motif', message: 'Précisions ?', expectedVersion: inReview.version }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
    const decisions = await portal.db.manager.countBy(RequestEvent, { requestId: id, fromStatus: 'in_review' });
    expect(decisions).toBe(1);
  });

  describe('idempotent submission', () => {
    it('replays the same response for the same key and body, once', async () => {
      const service = await createService(portal);
      const owner = await login(portal, await registerVerified(portal));
      const draft = await createDraft(portal, owner.accessToken, service.code);
      const submit = () => api().post(`/api/requests/${draft.id}/submit`).set(authHeader(owner.accessToken)).set('idempotency-key', 'cle-unique-123').send({});
      const first = await submit().expect(200);
      const again = await submit().expect(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await portal.db.manager.countBy(RequestEvent, { requestId: draft.id, type: 'submitted' })).toBe(1);
    });

    it('refuses the same key with a different body (422), a missing key (400), and another key once submitted (409)', async () => {
      const service = await createService(portal);
      const owner = await login(portal, await registerVerified(portal));
      const draft = await createDraft(portal, owner.accessToken, service.code);
      const url = `/api/requests/${draft.id}/submit`;
      expect((await api().post(url).set(authHeader(owner.accessToken)).send({}).expect(400)).body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
      await api().post(url).set(authHeader(owner.accessToken)).set('idempotency-key', 'cle-A-000001').send({}).expect(200);
      const other = await api().post(url).set(authHeader(owner.accessToken)).set('idempotency-key', 'cle-A-000001').send({ expectedVersion: 1 }).expect(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const unknownField = await api().post(url).set(authHeader(owner.accessToken)).set('idempotency-key', 'cle-A-000001').send({ status: 'approved' }).expect(400);
      expect(unknownField.body.code).toBe('VALIDATION_FAILED');
      // Same key reused on another file: a different request, hence 422.
      const draft2 = await createDraft(portal, owner.accessToken, service.code);
      const reused = await api().post(`/api/requests/${draft2.id}/submit`).set(authHeader(owner.accessToken)).set('idempotency-key', 'cle-A-000001').send({}).expect(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect((await api().post(url).set(authHeader(owner.accessToken)).set('idempotency-key', 'cle-B-000002').send({}).expect(409)).body.code).toBe('TRANSITION_NOT_ALLOWED');
    });

    it('answers 409 to a concurrent duplicate while the first is still running', async () => {
      const service = await createService(portal);
      const owner = await login(portal, await registerVerified(portal));
      const draft = await createDraft(portal, owner.accessToken, service.code);
      // Hold the file's row so the first submission waits inside its transaction.
      const blocker = portal.db.createQueryRunner();
      await blocker.connect();
      await blocker.startTransaction();
      await blocker.query('SELECT id FROM requests WHERE id = $1 FOR UPDATE', [draft.id]);
      const submit = () => api().post(`/api/requests/${draft.id}/submit`).set(authHeader(owner.accessToken)).set('idempotency-key', 'cle-concurrente-1').send({});
      const first = submit().then((r) => r);
      await eventually(async () => (await portal.db.query(`SELECT 1 FROM idempotency_keys WHERE key = 'cle-concurrente-1'`)).length === 1);
      const second = await submit();
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      await blocker.rollbackTransaction();
      await blocker.release();
      expect((await first).status).toBe(200);
      expect(await portal.db.manager.countBy(RequestEvent, { requestId: draft.id, type: 'submitted' })).toBe(1);
    });
  });

  it('applies an implicit rejection when the deadline passes, through the worker', async () => {
    const service = await createService(portal, {
      directorateCode: 'DAJI',
      deadlineRule: { outcome: 'implicit_rejection', duration: { unit: 'minutes', value: 0 }, suspendedWhileAwaitingApplicant: true },
    });
    const owner = await login(portal, await registerVerified(portal));
    const { id } = await fileAndSubmit(owner.accessToken, service.code);
    const decided = await eventually(async () => {
      const r = await api().get(`/api/requests/${id}`).set(authHeader(owner.accessToken)).expect(200);
      return r.body.status === 'rejected' ? r.body : null;
    }, 20_000, 'implicit rejection');
    expect(decided).toMatchObject({ status: 'rejected', decisionKind: 'implicit', deadline: null });
    const timeline = await api().get(`/api/requests/${id}/timeline`).set(authHeader(owner.accessToken)).expect(200);
    // The last event of the file's own history (the letters the worker issues may come after it).
    const decidedEvent = timeline.body.filter((e: { type: string }) => e.type !== 'document_issued').at(-1);
    expect(decidedEvent).toMatchObject({ type: 'decided', label: 'Rejet implicite (délai de réponse dépassé)', by: 'system' });
    await eventually(async () => (await portal.db.manager.findOneBy(Notification, { requestId: id, eventId: decidedEvent.id })) ?? null);
  });

  it('applies each job effect once however often it runs (at-least-once delivery)', async () => {
    const jobs = portal.worker!.get(IntakeService);
    const notifier = portal.worker!.get(RequestNotifier);
    const service = await createService(portal, { directorateCode: 'DEL' });
    const owner = await login(portal, await registerVerified(portal));
    // Stop nothing: simply deliver the same jobs again, concurrently, as a crashed worker's retry would.
    const { id } = await fileAndSubmit(owner.accessToken, service.code);
    await Promise.allSettled([jobs.intake(id), jobs.intake(id), jobs.intake(id)]);
    await eventually(async () => (await portal.db.manager.findOneBy(Request, { id }))?.status === 'in_review');
    expect(await portal.db.manager.countBy(RequestEvent, { requestId: id, type: 'routed' })).toBe(1);
    const submittedEvent = await portal.db.manager.findOneByOrFail(RequestEvent, { requestId: id, type: 'submitted' });
    await Promise.all([notifier.notify(submittedEvent.id), notifier.notify(submittedEvent.id), notifier.notify(submittedEvent.id)]);
    expect(await portal.db.manager.countBy(Notification, { eventId: submittedEvent.id })).toBe(1);
    const [{ email }] = await portal.db.query('SELECT email FROM accounts a JOIN requests r ON r.applicant_account_id = a.id WHERE r.id = $1', [id]);
    const receiptMails = () => portal.smtp.for(email).filter((m) => m.subject.includes('Dépôt'));
    // The mail leaves through its own job (with the receipt attached): wait for it, then give any double time to arrive.
    await eventually(async () => receiptMails().length > 0, 20_000, 'submission email');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(receiptMails()).toHaveLength(1);
  });

  describe('the sweeper (what Redis forgets is rebuilt from PostgreSQL)', () => {
    it('applies a deadline whose job was lost and re-queues an intake that never ran', async () => {
      const sweeper = portal.worker!.get(Sweeper);
      const service = await createService(portal, { directorateCode: 'DEL' });
      const owner = await login(portal, await registerVerified(portal));
      const lostDeadline = await fileAndSubmit(owner.accessToken, service.code);
      await eventually(async () => (await portal.db.manager.findOneBy(Request, { id: lostDeadline.id }))?.status === 'in_review');
      // As if the delayed deadline job had vanished with Redis: the due date passed, no job will come.
      await portal.db.manager.update(Request, { id: lostDeadline.id }, { dueAt: new Date(Date.now() - 60_000) });
      // As if the intake job had been lost: submitted long ago, never taken in.
      const stuck = await createDraft(portal, owner.accessToken, service.code);
      await portal.db.query(
        `UPDATE requests SET status = 'submitted', submitted_at = now() - interval '10 minutes', due_at = now() + interval '30 days', reference = 'PS-2000-999999' WHERE id = $1`,
        [stuck.id],
      );

      const result = await sweeper.sweep();
      expect(result.deadlines).toBeGreaterThanOrEqual(1);
      expect(result.requeued).toBeGreaterThanOrEqual(1);
      expect(await portal.db.manager.findOneBy(Request, { id: lostDeadline.id })).toMatchObject({ status: 'rejected', decisionKind: 'implicit' });
      await eventually(async () => (await portal.db.manager.findOneBy(Request, { id: stuck.id }))?.status === 'in_review', 15_000, 'intake of the stuck file');
      expect(await portal.db.manager.countBy(RequestEvent, { requestId: stuck.id, type: 'routed' })).toBe(1);
    });

    it('leaves alone a late intake whose job is still in the queue (a backlog, not a loss)', async () => {
      const sweeper = portal.worker!.get(Sweeper);
      const service = await createService(portal, { directorateCode: 'DEL' });
      const owner = await login(portal, await registerVerified(portal));
      const late = await createDraft(portal, owner.accessToken, service.code);
      await portal.db.query(
        `UPDATE requests SET status = 'submitted', submitted_at = now() - interval '10 minutes', due_at = now() + interval '30 days', reference = 'PS-2000-999998' WHERE id = $1`,
        [late.id],
      );
      // Its intake job was relayed and waits in the queue behind others (here: delayed by an hour).
      const [{ id: jobId }] = (await portal.db.query(
        `INSERT INTO outbox_messages (queue, job_name, payload, sent_at) VALUES ('workflow', 'request.intake', jsonb_build_object('requestId', $1::text), now()) RETURNING id`,
        [late.id],
      )) as Array<{ id: string }>;
      const queue = portal.worker!.get(QueueBackend).createQueue('workflow');
      const job = await queue.add('request.intake', { requestId: late.id }, { jobId, delay: 3_600_000 });

      await sweeper.sweep();
      const intakeJobs = () => portal.db.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE job_name = 'request.intake' AND payload->>'requestId' = $1`, [late.id]);
      expect(await intakeJobs()).toEqual([{ n: 1 }]);
      // When its turn comes, that job takes it in.
      await job.promote();
      await eventually(async () => (await portal.db.manager.findOneBy(Request, { id: late.id }))?.status === 'in_review', 15_000, 'intake by the queued job');
      expect(await intakeJobs()).toEqual([{ n: 1 }]);
    });

    it('releases its lock when a sweep fails, so the next sweep runs (no pooled connection keeps it)', async () => {
      const sweeper = portal.worker!.get(Sweeper);
      const jobs = portal.worker!.get(DeadlinesService);
      const failing = jest.spyOn(jobs, 'sweepOverdue').mockRejectedValueOnce(new Error('PostgreSQL went away mid-sweep'));
      try {
        await expect(sweeper.sweep()).rejects.toThrow('PostgreSQL went away mid-sweep');
      } finally {
        failing.mockRestore();
      }
      const held = await portal.db.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted`, [ADVISORY_LOCKS.sweep]);
      expect(held).toEqual([{ n: 0 }]);
      // Not the empty answer of a sweep that found the lock taken: this one ran (and applied the deadline).
      const service = await createService(portal, { directorateCode: 'DEL' });
      const owner = await login(portal, await registerVerified(portal));
      const late = await fileAndSubmit(owner.accessToken, service.code);
      await eventually(async () => (await portal.db.manager.findOneBy(Request, { id: late.id }))?.status === 'in_review');
      await portal.db.manager.update(Request, { id: late.id }, { dueAt: new Date(Date.now() - 60_000) });
      expect((await sweeper.sweep()).deadlines).toBeGreaterThanOrEqual(1);
    });

    it('warns about a draft untouched for 2.5 months once, and deletes it with its documents after 3 months', async () => {
      const sweeper = portal.worker!.get(Sweeper);
      const service = await createService(portal, { requiredDocuments: [{ type: 'piece', label: 'Pièce justificative', required: false }] });
      const user = await registerVerified(portal);
      const owner = await login(portal, user);
      const draft = await createDraft(portal, owner.accessToken, service.code);
      await attachPdf(portal, owner.accessToken, draft.id, 'piece');
      const [{ storage_key: storageKey }] = (await portal.db.query('SELECT storage_key FROM request_documents WHERE request_id = $1', [draft.id])) as Array<{ storage_key: string }>;
      const storage = portal.worker!.get<DocumentStorage>(DOCUMENT_STORAGE);
      // Read to the end, so the file handle is closed (an unread stream keeps it open until GC).
      expect(Buffer.concat(await (await storage.read(storageKey)).toArray())).toEqual(PDF);
      await portal.db.query(`UPDATE requests SET updated_at = now() - interval '80 days' WHERE id = $1`, [draft.id]);
      await sweeper.sweep();
      await sweeper.sweep();
      await portal.smtp.waitFor((m) => m.to.includes(user.email) && m.subject === 'Votre brouillon va expirer');
      await new Promise((r) => setTimeout(r, 500));
      expect(portal.smtp.for(user.email).filter((m) => m.subject === 'Votre brouillon va expirer')).toHaveLength(1);
      expect(await portal.db.manager.countBy(Request, { id: draft.id })).toBe(1);

      await portal.db.query(`UPDATE requests SET updated_at = now() - interval '95 days' WHERE id = $1`, [draft.id]);
      expect((await sweeper.sweep()).draftsExpired).toBeGreaterThanOrEqual(1);
      expect(await portal.db.manager.countBy(Request, { id: draft.id })).toBe(0);
      // Its document's bytes go too.
      await expect(storage.read(storageKey)).rejects.toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
    });
  });
});
