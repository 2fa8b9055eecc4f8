import request from 'supertest';
import type { ServiceVersion } from '@portal/catalogue';
import { PDF } from './support/documents';
import { authHeader, createAccount, createDraft, createService, login } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

describe('Corrections that say what to fix (e2e, worker running)', () => {
  let portal: TestPortal;
  let service: ServiceVersion;
  let agent: string;
  let resident: string;
  const api = () => request(portal.url);

  beforeAll(async () => {
    portal = await startTestPortal();
    service = await createService(portal, {
      directorateCode: 'DEL',
      requiredDocuments: [
        { type: 'justificatif_domicile', label: 'Justificatif de domicile', required: false },
        { type: 'avis_imposition', label: "Avis d'imposition", required: false },
      ],
    });
    agent = (await login(portal, await createAccount(portal, 'agent', 'DEL'))).accessToken;
    resident = (await login(portal, await createAccount(portal, 'citizen'))).accessToken;
  });
  afterAll(() => portal?.close());

  async function inReview(): Promise<string> {
    const draft = await createDraft(portal, resident, service.code);
    await api().post(`/api/requests/${draft.id}/submit`).set(authHeader(resident)).set('idempotency-key', `k-${draft.id}`).send({}).expect(200);
    await eventually(async () => (await api().get(`/api/requests/${draft.id}`).set(authHeader(resident))).body.status === 'in_review', 20_000, 'intake');
    return draft.id;
  }

  const version = async (id: string): Promise<number> => (await api().get(`/api/agent/requests/${id}`).set(authHeader(agent)).expect(200)).body.request.version as number;
  const askFor = async (id: string, fieldsToCorrect: string[], documentsToProvide: string[] = []) =>
    api().post(`/api/agent/requests/${id}/transition`).set(authHeader(agent)).send({ action: 'request_info', message: 'Merci de corriger.', fieldsToCorrect, documentsToProvide, expectedVersion: await version(id) });

  it('names the answers and documents to correct, and the resubmission must touch each of them', async () => {
    const id = await inReview();
    const unknown = await askFor(id, ['loyer', 'inconnu'], ['passeport']);
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([
      expect.objectContaining({ field: 'fieldsToCorrect', code: 'UNKNOWN_FIELD' }),
      expect.objectContaining({ field: 'documentsToProvide', code: 'UNKNOWN_DOCUMENT_TYPE' }),
    ]);
    await askFor(id, ['loyer'], ['avis_imposition']).then((r) => expect(r.status).toBe(200));

    // The applicant sees what to fix.
    const mine = await api().get(`/api/requests/${id}`).set(authHeader(resident)).expect(200);
    expect(mine.body.corrections).toEqual({ fields: [{ key: 'loyer', label: 'Loyer mensuel' }], documents: [{ key: 'avis_imposition', label: "Avis d'imposition" }] });
    const timeline = await api().get(`/api/requests/${id}/timeline`).set(authHeader(resident)).expect(200);
    expect(timeline.body.find((e: { type: string }) => e.type === 'info_requested').details).toMatchObject({ fieldsToCorrect: 'loyer', documentsToProvide: 'avis_imposition' });

    // Untouched: refused, one error per item; the same answer sent again does not count as a change.
    const untouched = await api().post(`/api/requests/${id}/resubmit`).set(authHeader(resident)).send({ data: { loyer: 85_000, commune: 'Nouméa' } }).expect(400);
    expect(untouched.body.details).toEqual([
      expect.objectContaining({ field: 'data.loyer', code: 'CORRECTION_MISSING' }),
      expect.objectContaining({ field: 'documents.avis_imposition', code: 'CORRECTION_MISSING' }),
    ]);

    // A new document of the type asked for, and a changed answer.
    await api().post(`/api/requests/${id}/documents`).set(authHeader(resident)).field('documentType', 'avis_imposition').attach('file', PDF, { filename: 'avis.pdf', contentType: 'application/pdf' }).expect(201);
    await api().post(`/api/requests/${id}/resubmit`).set(authHeader(resident)).send({ data: { loyer: 80_000, commune: 'Nouméa' } }).expect(200);
    const after = await api().get(`/api/requests/${id}/timeline`).set(authHeader(resident)).expect(200);
    expect(after.body.find((e: { type: string }) => e.type === 'resubmitted').details).toMatchObject({ changedFields: 'loyer', providedDocuments: 'avis_imposition', explainedItems: '' });
    expect((await api().get(`/api/requests/${id}`).set(authHeader(resident)).expect(200)).body.corrections).toBeNull();
  });

  it('accepts a reason instead of a change, and passes it on to the agent', async () => {
    const id = await inReview();
    await askFor(id, ['commune'], ['justificatif_domicile']).then((r) => expect(r.status).toBe(200));
    const res = await api()
      .post(`/api/requests/${id}/resubmit`)
      .set(authHeader(resident))
      .send({ message: 'Voici mes réponses.', explanations: { commune: 'Le logement est bien à Nouméa.', justificatif_domicile: 'Déjà joint au dépôt.' } })
      .expect(200);
    expect(res.body.status).toBe('in_review');
    const timeline = await api().get(`/api/requests/${id}/timeline`).set(authHeader(resident)).expect(200);
    expect(timeline.body.find((e: { type: string }) => e.type === 'resubmitted').details).toMatchObject({ changedFields: '', explainedItems: 'commune,justificatif_domicile' });
    const messages = await api().get(`/api/requests/${id}/messages`).set(authHeader(resident)).expect(200);
    expect(messages.body.at(-1).body).toBe('Voici mes réponses.\nCommune : Le logement est bien à Nouméa.\nJustificatif de domicile : Déjà joint au dépôt.');

    // Only with a request for information.
    const wrong = await api().post(`/api/agent/requests/${id}/transition`).set(authHeader(agent)).send({ action: 'approve', fieldsToCorrect: ['commune'], expectedVersion: await version(id) }).expect(400);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'fieldsToCorrect', code: 'NOT_APPLICABLE' })]);
  });
});
