import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import request from 'supertest';
import { AuditEntry } from '@portal/audit';
import type { ServiceVersion } from '@portal/catalogue';
import { Request, RequestDocument, RequestEvent, RequestStatus } from '@portal/requests';
import { binary, sha256 } from './support/documents';
import { authHeader, createAccount, createDraft, createService, login } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

const MAX_DOCUMENT_BYTES = 200_000;
const MAX_REQUEST_DOCUMENTS_BYTES = 300_000;
const STORAGE_KEY = /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Deterministic filler (no accidental ZIP trailer in it). */
const filler = (size: number): Buffer => Buffer.from(Array.from({ length: Math.max(0, size) }, (_, i) => 0x20 + (i % 90)));

/** Documents of an exact size, starting with the real signature of their type. */
const pdf = (size = 2_000): Buffer => {
  const head = Buffer.from('%PDF-1.7\n');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, filler(size - head.length - tail.length), tail]);
};
const png = (size = 2_000): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), filler(size - 8)]);
const jpeg = (size = 2_000): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), filler(size - 4)]);
const zipTrailer = (): Buffer => {
  const eocd = Buffer.alloc(22);
  eocd.write('PK\x05\x06', 0, 'latin1');
  return Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), filler(64), eocd]);
};

describe('Request documents (e2e)', () => {
  let portal: TestPortal;
  let storageDir: string;
  let service: ServiceVersion;
  let resident: string;
  let residentId: string;
  let otherResident: string;
  let agentDel: string;
  let agentDdet: string;
  const api = () => request(portal.url);

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'portal-documents-'));
    portal = await startTestPortal({
      worker: false,
      env: { MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES), MAX_REQUEST_DOCUMENTS_BYTES: String(MAX_REQUEST_DOCUMENTS_BYTES), STORAGE_DIR: storageDir },
    });
    service = await createService(portal, {
      directorateCode: 'DEL',
      requiredDocuments: [
        { type: 'justificatif_domicile', label: 'Justificatif de domicile', required: true },
        { type: 'avis_imposition', label: "Avis d'imposition", required: false },
      ],
      formSchema: {
        version: 1,
        fields: [
          { key: 'loyer', type: 'amount_xpf', label: 'Loyer mensuel', required: true, max: 500_000 },
          { key: 'commune', type: 'commune', label: 'Commune', required: true },
          { key: 'plan_situation', type: 'document', label: 'Plan de situation', required: false },
        ],
      },
    });
    // Residents straight in the database: without the worker, no verification email goes out.
    const a = await createAccount(portal, 'citizen');
    residentId = a.accountId;
    resident = (await login(portal, a)).accessToken;
    otherResident = (await login(portal, await createAccount(portal, 'citizen'))).accessToken;
    agentDel = (await login(portal, await createAccount(portal, 'agent', 'DEL'))).accessToken;
    agentDdet = (await login(portal, await createAccount(portal, 'agent', 'DDET'))).accessToken;
  });
  afterAll(async () => {
    await portal?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  const newDraft = async (token = resident): Promise<string> => (await createDraft(portal, token, service.code)).id;

  function upload(token: string, requestId: string, documentType: string, bytes: Buffer, filename: string, contentType = 'application/pdf') {
    return api()
      .post(`/api/requests/${requestId}/documents`)
      .set(authHeader(token))
      .field('documentType', documentType)
      .attach('file', bytes, { filename, contentType });
  }

  /**
   * A multipart body written by hand, so the file name goes over the wire exactly as given (HTTP
   * clients would reduce `../../x.pdf` to `x.pdf`, or mangle quotes and NUL bytes).
   */
  function rawUpload(token: string, requestId: string, documentType: string, bytes: Buffer, fileNameParameter: string) {
    const boundary = '----portail-test-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="documentType"\r\n\r\n${documentType}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; ${fileNameParameter}\r\nContent-Type: application/pdf\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return api()
      .post(`/api/requests/${requestId}/documents`)
      .set(authHeader(token))
      .set('content-type', `multipart/form-data; boundary=${boundary}`)
      .send(body);
  }

  /** Every regular file under STORAGE_DIR, relative to it (temporary files included). */
  async function storedFiles(): Promise<string[]> {
    const entries = await readdir(storageDir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => relative(storageDir, join(e.parentPath, e.name))).sort();
  }

  const rowsOf = (requestId: string) => portal.db.manager.find(RequestDocument, { where: { requestId }, order: { createdAt: 'ASC' } });
  const setStatus = (id: string, status: RequestStatus) => portal.db.manager.update(Request, { id }, { status });

  describe('upload', () => {
    it.each([
      ['a PDF', pdf(5_000), 'Quittance mars.pdf', 'application/pdf', 'Quittance mars.pdf'],
      ['a PNG', png(3_000), 'photo.png', 'image/png', 'photo.png'],
      ['a JPEG', jpeg(4_000), 'scan.JPEG', 'image/jpeg', 'scan.jpeg'],
    ])('stores %s under a generated key with its SHA-256, and records it', async (_label, bytes, filename, contentType, fileName) => {
      const id = await newDraft();
      const res = await upload(resident, id, 'justificatif_domicile', bytes, filename, contentType).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        documentType: 'justificatif_domicile',
        fileName,
        contentType,
        sizeBytes: bytes.length,
        sha256: sha256(bytes),
        origin: 'upload',
        createdAt: expect.any(String),
      });

      const row = await portal.db.manager.findOneByOrFail(RequestDocument, { id: res.body.id });
      expect(row).toMatchObject({ requestId: id, uploadedBy: residentId, sha256: sha256(bytes), sizeBytes: bytes.length });
      expect(row.storageKey).toMatch(STORAGE_KEY);
      expect((await readFile(join(storageDir, row.storageKey))).equals(bytes)).toBe(true);
      expect(await storedFiles()).not.toContainEqual(expect.stringContaining(filename.split('.')[0]));

      const event = await portal.db.manager.findOneByOrFail(RequestEvent, { requestId: id, type: 'document_added' });
      expect(event).toMatchObject({ visibility: 'applicant', actorId: residentId, payload: { documentId: row.id, documentType: 'justificatif_domicile', fileName } });
      const audit = await portal.db.manager.findOneByOrFail(AuditEntry, { action: 'request.document_added', targetId: id });
      expect(audit.details).toMatchObject({ documentId: row.id, sha256: sha256(bytes) });
    });

    it('decides the type from the content: a PDF named .png and declared image/png is stored as a PDF', async () => {
      const id = await newDraft();
      const bytes = pdf();
      const res = await upload(resident, id, 'justificatif_domicile', bytes, 'scan.png', 'image/png').expect(201);
      expect(res.body).toMatchObject({ contentType: 'application/pdf', fileName: 'scan.pdf', sha256: sha256(bytes) });
      const x = await upload(resident, id, 'avis_imposition', pdf(), 'x.pdf.exe', 'application/x-msdownload').expect(201);
      expect(x.body).toMatchObject({ contentType: 'application/pdf', fileName: 'x.pdf' });
    });

    it.each([
      ['an EXE', Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), filler(3_000)])],
      ['a ZIP', Buffer.concat([zipTrailer(), filler(100)])],
      ['text', Buffer.from('Ceci est un texte, pas un PDF.')],
      ['HTML', Buffer.from('<html><script>alert(document.cookie)</script></html>')],
      ['a PDF/ZIP polyglot', Buffer.concat([pdf(), zipTrailer()])],
      ['an empty file', Buffer.alloc(0)],
    ])('refuses %s named .pdf and declared application/pdf with 415, storing nothing', async (_label, bytes) => {
      const id = await newDraft();
      const before = await storedFiles();
      const res = await upload(resident, id, 'justificatif_domicile', bytes, 'justificatif.pdf').expect(415);
      expect(res.body).toEqual({
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: expect.stringContaining('Formats acceptés : PDF, PNG, JPEG.'),
        details: { accepted: ['application/pdf', 'image/png', 'image/jpeg'] },
        correlationId: expect.any(String),
      });
      expect(await rowsOf(id)).toHaveLength(0);
      expect(await storedFiles()).toEqual(before);
    });

    it('takes a file of exactly the per-file limit, and answers 413 one byte over, storing nothing', async () => {
      const id = await newDraft();
      await upload(resident, id, 'justificatif_domicile', pdf(MAX_DOCUMENT_BYTES), 'max.pdf').expect(201);
      const before = await storedFiles();
      const res = await upload(resident, id, 'avis_imposition', pdf(MAX_DOCUMENT_BYTES + 1), 'trop.pdf').expect(413);
      expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('par document') });
      expect(await rowsOf(id)).toHaveLength(1);
      expect(await storedFiles()).toEqual(before);
    });

    it('answers 413 to a file far over the limit, storing nothing, and takes the next upload', async () => {
      const id = await newDraft();
      const before = await storedFiles();
      const res = await upload(resident, id, 'justificatif_domicile', pdf(4 * 1024 * 1024), 'enorme.pdf').expect(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await storedFiles()).toEqual(before);
      await upload(resident, id, 'justificatif_domicile', pdf(), 'ok.pdf').expect(201);
    });

    it('enforces the per-request total while streaming (413), up to the exact budget', async () => {
      const id = await newDraft();
      await upload(resident, id, 'justificatif_domicile', pdf(150_000), 'a.pdf').expect(201);
      await upload(resident, id, 'avis_imposition', pdf(140_000), 'b.pdf').expect(201);
      const before = await storedFiles();
      const over = await upload(resident, id, 'plan_situation', pdf(20_000), 'c.pdf').expect(413);
      expect(over.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('taille totale') });
      expect(await rowsOf(id)).toHaveLength(2);
      expect(await storedFiles()).toEqual(before);
      // 150 000 + 140 000 + 10 000 = the budget exactly.
      await upload(resident, id, 'plan_situation', pdf(10_000), 'c.pdf').expect(201);
      await upload(resident, id, 'plan_situation', pdf(10), 'd.pdf').expect(413);
    });

    it('stores a path-traversal name under a generated key, with a sanitised name', async () => {
      const id = await newDraft();
      const res = await rawUpload(resident, id, 'justificatif_domicile', pdf(), 'filename="../../evil.pdf"').expect(201);
      expect(res.body.fileName).toBe('evil.pdf');
      const row = await portal.db.manager.findOneByOrFail(RequestDocument, { id: res.body.id });
      expect(row.storageKey).toMatch(STORAGE_KEY);
      expect(existsSync(resolve(storageDir, '../../evil.pdf'))).toBe(false);
      expect(existsSync(resolve(storageDir, 'evil.pdf'))).toBe(false);
      expect((await storedFiles()).every((f) => STORAGE_KEY.test(f))).toBe(true);

      const windows = await rawUpload(resident, id, 'avis_imposition', pdf(), 'filename="C:\\\\Users\\\\marie\\\\..\\\\avis\u0000.exe.pdf"').expect(201);
      expect(windows.body.fileName).toBe('avis.exe.pdf');
      const star = await rawUpload(resident, id, 'plan_situation', pdf(), "filename*=UTF-8''..%2F..%2Fplan%20%C3%A9t%C3%A9.pdf").expect(201);
      expect(star.body.fileName).toBe('plan été.pdf');
    });

    it('accepts the types of the service: its listed documents and its form `document` fields, nothing else (400)', async () => {
      const id = await newDraft();
      await upload(resident, id, 'plan_situation', png(), 'plan.png', 'image/png').expect(201);
      const before = await storedFiles();
      const res = await upload(resident, id, 'permis_de_conduire', pdf(), 'permis.pdf').expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'documentType', code: 'UNKNOWN_DOCUMENT_TYPE' })] });
      expect(res.body.details[0].message).toContain('justificatif_domicile');
      expect(await rowsOf(id)).toHaveLength(1);
      expect(await storedFiles()).toEqual(before);
    });

    it('wants multipart with documentType first: other bodies get 415, a missing or late documentType 400', async () => {
      const id = await newDraft();
      const json = await api().post(`/api/requests/${id}/documents`).set(authHeader(resident)).send({ documentType: 'justificatif_domicile' }).expect(415);
      expect(json.body).toEqual({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('multipart/form-data'), correlationId: expect.any(String) });
      const raw = await api().post(`/api/requests/${id}/documents`).set(authHeader(resident)).set('content-type', 'application/pdf').send(pdf()).expect(415);
      expect(raw.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');

      const late = await api()
        .post(`/api/requests/${id}/documents`)
        .set(authHeader(resident))
        .attach('file', pdf(), 'a.pdf')
        .field('documentType', 'justificatif_domicile')
        .expect(400);
      expect(late.body.details).toEqual([expect.objectContaining({ field: 'documentType' })]);
      const noFile = await api().post(`/api/requests/${id}/documents`).set(authHeader(resident)).field('documentType', 'justificatif_domicile').expect(400);
      expect(noFile.body.details).toEqual([expect.objectContaining({ field: 'file', code: 'REQUIRED' })]);
      const extra = await api()
        .post(`/api/requests/${id}/documents`)
        .set(authHeader(resident))
        .field('documentType', 'justificatif_domicile')
        .field('uploadedBy', 'someone-else')
        .attach('file', pdf(), 'a.pdf')
        .expect(400);
      expect(extra.body.details).toEqual([expect.objectContaining({ field: 'uploadedBy', code: 'UNKNOWN_FIELD' })]);
      expect(await rowsOf(id)).toHaveLength(0);
    });

    it('takes complements while the file awaits the applicant, and nothing once it is with the directorate (409)', async () => {
      const id = await newDraft();
      await setStatus(id, 'awaiting_applicant');
      await upload(resident, id, 'justificatif_domicile', pdf(), 'complement.pdf').expect(201);
      await setStatus(id, 'in_review');
      const before = await storedFiles();
      const res = await upload(resident, id, 'justificatif_domicile', pdf(), 'tard.pdf').expect(409);
      expect(res.body).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: { status: 'in_review' } });
      expect(await storedFiles()).toEqual(before);
    });
  });

  describe('list and download', () => {
    let id: string;
    let documentId: string;
    const bytes = pdf(12_345);

    beforeAll(async () => {
      id = await newDraft();
      const res = await rawUpload(resident, id, 'justificatif_domicile', bytes, 'filename="Reçu \\"loyer\\"; mars.png"').expect(201);
      documentId = res.body.id as string;
    });

    it('lists the documents of the file', async () => {
      const res = await api().get(`/api/requests/${id}/documents`).set(authHeader(resident)).expect(200);
      expect(res.body).toEqual([expect.objectContaining({ id: documentId, fileName: 'Reçu _loyer_ mars.pdf', contentType: 'application/pdf', sha256: sha256(bytes) })]);
      expect(res.body[0]).not.toHaveProperty('storageKey');
    });

    it('returns the same bytes with the detected type, as an attachment with a safe name', async () => {
      const res = await api().get(`/api/requests/${id}/documents/${documentId}`).set(authHeader(resident)).buffer(true).parse(binary).expect(200);
      expect((res.body as Buffer).equals(bytes)).toBe(true);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-length']).toBe(String(bytes.length));
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="Recu _loyer_ mars.pdf"; filename*=UTF-8''Re%C3%A7u%20_loyer_%20mars.pdf`,
      );
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('lets an agent of the directorate read a submitted file’s documents, not an agent of another one (404)', async () => {
      // A draft belongs to its applicant: staff see its documents only once it is submitted.
      await api().get(`/api/requests/${id}/documents`).set(authHeader(agentDel)).expect(404);
      await portal.db.query(`UPDATE requests SET status = 'submitted', submitted_at = now() WHERE id = $1`, [id]);
      await api().get(`/api/requests/${id}/documents`).set(authHeader(agentDel)).expect(200);
      const res = await api().get(`/api/requests/${id}/documents/${documentId}`).set(authHeader(agentDel)).buffer(true).parse(binary).expect(200);
      expect(createHash('sha256').update(res.body as Buffer).digest('hex')).toBe(sha256(bytes));

      expect((await api().get(`/api/requests/${id}/documents`).set(authHeader(agentDdet)).expect(404)).body.code).toBe('REQUEST_NOT_FOUND');
      await api().get(`/api/requests/${id}/documents/${documentId}`).set(authHeader(agentDdet)).expect(404);
      // Staff read; they do not add or remove the applicant's documents.
      await upload(agentDel, id, 'justificatif_domicile', pdf(), 'agent.pdf').expect(404);
      await api().delete(`/api/requests/${id}/documents/${documentId}`).set(authHeader(agentDel)).expect(404);
      await portal.db.query(`UPDATE requests SET status = 'draft', submitted_at = NULL WHERE id = $1`, [id]);
    });

    it('hides another resident’s file entirely: 404 on upload, list, download and delete', async () => {
      const before = await storedFiles();
      const responses = [
        await upload(otherResident, id, 'justificatif_domicile', pdf(), 'intrus.pdf'),
        await api().get(`/api/requests/${id}/documents`).set(authHeader(otherResident)),
        await api().get(`/api/requests/${id}/documents/${documentId}`).set(authHeader(otherResident)),
        await api().delete(`/api/requests/${id}/documents/${documentId}`).set(authHeader(otherResident)),
      ];
      for (const res of responses) expect([res.status, res.body.code]).toEqual([404, 'REQUEST_NOT_FOUND']);
      expect(await rowsOf(id)).toHaveLength(1);
      expect(await storedFiles()).toEqual(before);
    });

    it('answers DOCUMENT_NOT_FOUND for an unknown or malformed document id, and for another file’s document', async () => {
      const other = await newDraft();
      for (const docId of ['7d0c3f0e-1111-4111-8111-111111111111', 'not-a-uuid']) {
        expect((await api().get(`/api/requests/${id}/documents/${docId}`).set(authHeader(resident)).expect(404)).body.code).toBe('DOCUMENT_NOT_FOUND');
      }
      expect((await api().get(`/api/requests/${other}/documents/${documentId}`).set(authHeader(resident)).expect(404)).body.code).toBe('DOCUMENT_NOT_FOUND');
    });
  });

  describe('delete', () => {
    it('removes a draft’s document: row, file and audit entry', async () => {
      const id = await newDraft();
      const res = await upload(resident, id, 'justificatif_domicile', pdf(), 'a.pdf').expect(201);
      const row = await portal.db.manager.findOneByOrFail(RequestDocument, { id: res.body.id });
      await api().delete(`/api/requests/${id}/documents/${row.id}`).set(authHeader(resident)).expect(204);
      expect(await rowsOf(id)).toHaveLength(0);
      expect(existsSync(join(storageDir, row.storageKey))).toBe(false);
      const audit = await portal.db.manager.findOneByOrFail(AuditEntry, { action: 'request.document_deleted', targetId: id });
      expect(audit).toMatchObject({ actorId: residentId, details: expect.objectContaining({ documentId: row.id }) });
      await api().delete(`/api/requests/${id}/documents/${row.id}`).set(authHeader(resident)).expect(404);
    });

    it.each<RequestStatus>(['submitted', 'awaiting_applicant'])('refuses once the file is %s (409), keeping row and file', async (status) => {
      const id = await newDraft();
      const res = await upload(resident, id, 'justificatif_domicile', pdf(), 'a.pdf').expect(201);
      const row = await portal.db.manager.findOneByOrFail(RequestDocument, { id: res.body.id });
      await setStatus(id, status);
      const refused = await api().delete(`/api/requests/${id}/documents/${row.id}`).set(authHeader(resident)).expect(409);
      expect(refused.body).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: { status } });
      expect(await rowsOf(id)).toHaveLength(1);
      expect(existsSync(join(storageDir, row.storageKey))).toBe(true);
    });
  });

  it('leaves no temporary file behind', async () => {
    expect((await storedFiles()).filter((f) => !STORAGE_KEY.test(f))).toEqual([]);
  });
});
