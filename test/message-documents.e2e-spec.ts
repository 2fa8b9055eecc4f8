import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import request from 'supertest';
import type { ServiceVersion } from '@portal/catalogue';
import { AuditEntry } from '@portal/audit';
import { Request, RequestDocument, RequestEvent, RequestMessage } from '@portal/requests';
import { authHeader, createAccount, createDraft, createService, login } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

const MAX_DOCUMENT_BYTES = 64 * 1024;
const MAX_REQUEST_DOCUMENTS_BYTES = 160 * 1024;

const filler = (size: number): Buffer => Buffer.from(Array.from({ length: Math.max(0, size) }, (_, i) => 0x20 + (i % 90)));
const pdf = (size = 2_000): Buffer => Buffer.concat([Buffer.from('%PDF-1.7\n'), filler(size - 16), Buffer.from('\n%%EOF\n')]);
const png = (size = 2_000): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), filler(size - 8)]);
const exe = (): Buffer => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), filler(2_000)]);
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

interface Attachment {
  bytes: Buffer;
  name: string;
  contentType?: string;
}

describe('Documents attached to messages, both ways (e2e)', () => {
  let portal: TestPortal;
  let storageDir: string;
  let service: ServiceVersion;
  let resident: string;
  let otherResident: string;
  let agentDdet: string;
  let agentDel: string;
  const api = () => request(portal.url);

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'portal-message-documents-'));
    portal = await startTestPortal({
      worker: false,
      env: { MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES), MAX_REQUEST_DOCUMENTS_BYTES: String(MAX_REQUEST_DOCUMENTS_BYTES), STORAGE_DIR: storageDir },
    });
    service = await createService(portal, { directorateCode: 'DDET' });
    resident = (await login(portal, await createAccount(portal, 'citizen'))).accessToken;
    otherResident = (await login(portal, await createAccount(portal, 'citizen'))).accessToken;
    agentDdet = (await login(portal, await createAccount(portal, 'agent', 'DDET'))).accessToken;
    agentDel = (await login(portal, await createAccount(portal, 'agent', 'DEL'))).accessToken;
  });
  afterAll(async () => {
    await portal?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  /** A file in review (set in the database: no worker here). */
  async function fileInReview(token = resident): Promise<string> {
    const { id } = await createDraft(portal, token, service.code);
    await portal.db.manager.update(Request, { id }, { status: 'in_review', reference: `PS-T-${id.slice(0, 8)}` });
    return id;
  }

  function post(token: string, path: string, body: string | null, files: Attachment[] = []) {
    let call = api().post(path).set(authHeader(token));
    if (body !== null) call = call.field('body', body);
    for (const f of files) call = call.attach('file', f.bytes, { filename: f.name, contentType: f.contentType ?? 'application/pdf' });
    return call;
  }
  const fromApplicant = (token: string, id: string, body: string | null, files: Attachment[] = []) => post(token, `/api/requests/${id}/messages/with-documents`, body, files);
  const fromAgent = (token: string, id: string, body: string | null, files: Attachment[] = []) => post(token, `/api/agent/requests/${id}/messages/with-documents`, body, files);

  const download = (token: string, id: string, documentId: string) => api().get(`/api/requests/${id}/documents/${documentId}`).set(authHeader(token)).buffer(true).parse(binary);

  async function storedFiles(): Promise<string[]> {
    const entries = await readdir(storageDir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => relative(storageDir, join(e.parentPath, e.name))).sort();
  }

  it('carries the applicant’s documents to the directorate: listed with the message, kept on the file, readable by both sides only', async () => {
    const id = await fileInReview();
    const scan = pdf(5_000);
    const photo = png(3_000);
    const res = await fromApplicant(resident, id, 'Voici le justificatif demandé et une photo du local.', [
      { bytes: scan, name: '../../justificatif.pdf' },
      { bytes: photo, name: 'photo local.png', contentType: 'image/png' },
    ]).expect(201);
    expect(res.body).toMatchObject({ from: 'applicant', body: 'Voici le justificatif demandé et une photo du local.' });
    expect(res.body.documents).toEqual([
      expect.objectContaining({ fileName: 'justificatif.pdf', contentType: 'application/pdf', sizeBytes: 5_000, sha256: sha256(scan), documentType: 'piece_jointe_message', messageId: res.body.id, origin: 'upload' }),
      expect.objectContaining({ fileName: 'photo local.png', contentType: 'image/png', sizeBytes: 3_000, sha256: sha256(photo), messageId: res.body.id }),
    ]);
    const [scanId, photoId] = (res.body.documents as Array<{ id: string }>).map((d) => d.id);

    // With the message, on both sides.
    const mine = await api().get(`/api/requests/${id}/messages`).set(authHeader(resident)).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ id: res.body.id, documents: res.body.documents })]);
    const agentView = await api().get(`/api/agent/requests/${id}`).set(authHeader(agentDdet)).expect(200);
    expect(agentView.body.messages).toEqual([expect.objectContaining({ id: res.body.id, documents: res.body.documents })]);

    // Documents of the file: listed among them, downloadable by the applicant and the directorate.
    const listed = await api().get(`/api/requests/${id}/documents`).set(authHeader(agentDdet)).expect(200);
    expect(listed.body.map((d: { id: string }) => d.id)).toEqual([scanId, photoId]);
    expect(sha256((await download(resident, id, scanId).expect(200)).body as Buffer)).toBe(sha256(scan));
    const byAgent = await download(agentDdet, id, photoId).expect(200);
    expect(byAgent.headers['content-type']).toBe('image/png');
    expect(sha256(byAgent.body as Buffer)).toBe(sha256(photo));

    // Nobody else.
    await download(otherResident, id, scanId).expect(404);
    await download(agentDel, id, scanId).expect(404);
    await api().get(`/api/requests/${id}/messages`).set(authHeader(otherResident)).expect(404);

    // One timeline event, one audit entry naming the documents by hash.
    const event = await portal.db.manager.findOneByOrFail(RequestEvent, { requestId: id, type: 'message_posted' });
    expect(event.payload).toEqual({ messageId: res.body.id, documentCount: 2 });
    const audit = await portal.db.manager.findOneByOrFail(AuditEntry, { action: 'request.message_posted', targetId: id });
    expect(audit.details).toEqual({ documents: [expect.objectContaining({ id: scanId, sha256: sha256(scan) }), expect.objectContaining({ id: photoId, sha256: sha256(photo) })] });
  });

  it('carries the agent’s documents to the applicant', async () => {
    const id = await fileInReview();
    const model = pdf(4_000);
    const res = await fromAgent(agentDdet, id, 'Vous trouverez ci-joint le modèle d’attestation à compléter.', [{ bytes: model, name: 'modele-attestation.pdf' }]).expect(201);
    expect(res.body).toMatchObject({ from: 'agent', documents: [expect.objectContaining({ fileName: 'modele-attestation.pdf', sha256: sha256(model) })] });

    const mine = await api().get(`/api/requests/${id}/messages`).set(authHeader(resident)).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ from: 'agent', documents: res.body.documents })]);
    const bytes = (await download(resident, id, res.body.documents[0].id).expect(200)).body as Buffer;
    expect(sha256(bytes)).toBe(sha256(model));
    const row = await portal.db.manager.findOneByOrFail(RequestDocument, { id: res.body.documents[0].id });
    expect(row.uploadedBy).not.toBeNull();

    // A message without documents goes the same way; so does the JSON route, listed with no documents.
    const plain = await fromAgent(agentDdet, id, 'Sans pièce jointe.').expect(201);
    expect(plain.body.documents).toEqual([]);
    const json = await api().post(`/api/agent/requests/${id}/messages`).set(authHeader(agentDdet)).send({ body: 'Par JSON.' }).expect(201);
    expect(json.body.documents).toEqual([]);
  });

  it('refuses what uploads refuse, and whoever may not write, leaving no row and no bytes behind', async () => {
    const id = await fileInReview();
    const { id: draftId } = await createDraft(portal, resident, service.code);
    const filesBefore = await storedFiles();
    const messagesBefore = await portal.db.manager.countBy(RequestMessage, {});

    // A disguised executable, even beside a genuine PDF: the whole message is refused.
    const disguised = await fromApplicant(resident, id, 'Pièces', [{ bytes: pdf(), name: 'ok.pdf' }, { bytes: exe(), name: 'facture.pdf' }]).expect(415);
    expect(disguised.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    // Too large.
    expect((await fromApplicant(resident, id, 'Trop gros', [{ bytes: pdf(MAX_DOCUMENT_BYTES + 1), name: 'gros.pdf' }]).expect(413)).body.code).toBe('PAYLOAD_TOO_LARGE');
    // Too many.
    const four = Array.from({ length: 4 }, (_, i) => ({ bytes: pdf(), name: `p${i}.pdf` }));
    const tooMany = await fromApplicant(resident, id, 'Quatre pièces', four).expect(400);
    expect(tooMany.body.details).toEqual([expect.objectContaining({ field: 'file', code: 'TOO_MANY_FILES' })]);
    // No message, an empty one, one too long, the file first, another field, JSON where a form is expected.
    expect((await fromApplicant(resident, id, null, [{ bytes: pdf(), name: 'a.pdf' }]).expect(400)).body.details).toEqual([expect.objectContaining({ field: 'body', code: 'REQUIRED' })]);
    expect((await fromApplicant(resident, id, '   ').expect(400)).body.details).toEqual([expect.objectContaining({ field: 'body', code: 'REQUIRED' })]);
    expect((await fromApplicant(resident, id, 'é'.repeat(5_001)).expect(400)).body.details).toEqual([expect.objectContaining({ field: 'body', code: 'TOO_LONG' })]);
    const other = await api().post(`/api/requests/${id}/messages/with-documents`).set(authHeader(resident)).field('documentType', 'x').expect(400);
    expect(other.body.details).toEqual([expect.objectContaining({ field: 'documentType', code: 'UNKNOWN_FIELD' })]);
    const extra = await api().post(`/api/requests/${id}/messages/with-documents`).set(authHeader(resident)).field('body', 'Bonjour').attach('piece', pdf(), 'a.pdf').expect(400);
    expect(extra.body.details).toEqual([expect.objectContaining({ field: 'piece', code: 'UNKNOWN_FIELD' })]);
    expect((await api().post(`/api/requests/${id}/messages/with-documents`).set(authHeader(resident)).send({ body: 'x' }).expect(415)).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    // Not before submission; not on someone else's file; not from another directorate.
    expect((await fromApplicant(resident, draftId, 'Trop tôt', [{ bytes: pdf(), name: 'a.pdf' }]).expect(409)).body.code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await fromApplicant(otherResident, id, 'Intrus', [{ bytes: pdf(), name: 'a.pdf' }]).expect(404)).body.code).toBe('REQUEST_NOT_FOUND');
    await fromAgent(agentDel, id, 'Autre direction', [{ bytes: pdf(), name: 'a.pdf' }]).expect(404);
    await fromAgent(resident, id, 'Pas agent', [{ bytes: pdf(), name: 'a.pdf' }]).expect(403);

    expect(await portal.db.manager.countBy(RequestMessage, {})).toBe(messagesBefore);
    expect(await portal.db.manager.countBy(RequestDocument, { requestId: id })).toBe(0);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it('counts attachments in the file’s budget, whoever sends them', async () => {
    const id = await fileInReview();
    await fromApplicant(resident, id, 'Deux pièces', [{ bytes: pdf(60_000), name: 'a.pdf' }, { bytes: pdf(60_000), name: 'b.pdf' }]).expect(201);
    const filesBefore = await storedFiles();
    // 120 000 used of 163 840: two more of 30 000 go over, together.
    const over = await fromAgent(agentDdet, id, 'Deux modèles', [{ bytes: pdf(30_000), name: 'c.pdf' }, { bytes: pdf(30_000), name: 'd.pdf' }]).expect(413);
    expect(over.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await storedFiles()).toEqual(filesBefore);
    await fromAgent(agentDdet, id, 'Un modèle', [{ bytes: pdf(30_000), name: 'c.pdf' }]).expect(201);
  });
});
