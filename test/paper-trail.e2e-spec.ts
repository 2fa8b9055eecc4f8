import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { ServiceVersion } from '@portal/catalogue';
import { validateConfig } from '@portal/config';
import { IssuedDocumentsService, RequestDocument, RequestEvent, Seal, SealVerification } from '@portal/requests';
import { binary, sha256 } from './support/documents';
import { authHeader, createAccount, createDraft, createService, login, registerVerified } from './support/factories';
import { pdfText, qrCodeIn } from './support/pdf';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

const PUBLIC_URL = 'https://portail.example.nc';
const KEY_2026 = generateKeyPairSync('ed25519');
const SEAL_ENV = { SEAL_PRIVATE_KEY: KEY_2026.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), SEAL_KEY_ID: 'sceau-2026' };

describe('A paper trail anyone can check (e2e, worker running)', () => {
  let portal: TestPortal;
  let storageDir: string;
  let aid: ServiceVersion;
  let agent: string;
  const api = () => request(portal.url);

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'portal-paper-'));
    portal = await startTestPortal({ env: { ...SEAL_ENV, PUBLIC_URL, STORAGE_DIR: storageDir } });
    aid = await createService(portal, {
      directorateCode: 'DDET',
      formSchema: {
        version: 1,
        fields: [
          { key: 'commune', type: 'commune', label: 'Commune', required: true },
          { key: 'montant_demande', type: 'amount_xpf', label: 'Montant demandé', required: true, max: 2_000_000, requestedAmount: true },
        ],
      },
    });
    agent = (await login(portal, await createAccount(portal, 'agent', 'DDET'))).accessToken;
  });
  afterAll(async () => {
    await portal?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  async function submitAid(token: string): Promise<{ id: string; reference: string }> {
    const draft = await createDraft(portal, token, aid.code, { commune: 'Païta', montant_demande: 200_000 });
    const res = await api().post(`/api/requests/${draft.id}/submit`).set(authHeader(token)).set('idempotency-key', `k-${draft.id}`).send({}).expect(200);
    return res.body as { id: string; reference: string };
  }

  const issued = (requestId: string, kind: 'receipt' | 'decision') =>
    eventually(() => portal.db.manager.findOneBy(RequestDocument, { requestId, origin: 'portal', issuedKind: kind }), 20_000, `the ${kind}`);

  const download = async (token: string, requestId: string, documentId: string): Promise<Buffer> =>
    (await api().get(`/api/requests/${requestId}/documents/${documentId}`).set(authHeader(token)).buffer(true).parse(binary).expect(200)).body as Buffer;

  const inReview = (id: string) =>
    eventually(async () => {
      const res = await api().get(`/api/agent/requests/${id}`).set(authHeader(agent)).expect(200);
      return res.body.request.status === 'in_review' ? (res.body.request as { version: number }) : null;
    }, 20_000, 'intake');

  it('issues a sealed receipt at submission, lists it, emails it and lets only the file’s readers download it', async () => {
    const person = await registerVerified(portal, { firstName: 'Léontine', lastName: 'Wamytan' });
    const { accessToken } = await login(portal, person);
    const file = await submitAid(accessToken);

    const receipt = await issued(file.id, 'receipt');
    expect(receipt).toMatchObject({ documentType: 'recepisse_depot', fileName: `recepisse-${file.reference}.pdf`, contentType: 'application/pdf', uploadedBy: null });
    expect(receipt.sealCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const listed = await api().get(`/api/requests/${file.id}/documents`).set(authHeader(accessToken)).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: receipt.id, origin: 'portal', fileName: `recepisse-${file.reference}.pdf`, sha256: receipt.sha256 })]);
    const bytes = await download(accessToken, file.id, receipt.id);
    expect(sha256(bytes)).toBe(receipt.sha256);

    const text = await pdfText(bytes);
    for (const expected of [
      'PROVINCE SUD',
      'RÉCÉPISSÉ DE DÉPÔT',
      file.reference,
      'Aide de test',
      'Direction du Développement Économique et du Tourisme (DDET)',
      'Léontine WAMYTAN',
      '(heure de Nouméa)',
      'Date limite de décision',
      'la demande est réputée rejetée',
      'Conseil d’État, 5 février 2014, n° 358810',
      receipt.sealCode!,
      `${PUBLIC_URL}/verifier`,
    ]) expect(text).toContain(expected);

    // On the applicant's timeline, after the submission.
    const timeline = await api().get(`/api/requests/${file.id}/timeline`).set(authHeader(accessToken)).expect(200);
    const event = timeline.body.find((e: { type: string }) => e.type === 'document_issued');
    expect(event).toMatchObject({ label: 'Récépissé de dépôt', by: 'system', details: { documentId: receipt.id, kind: 'receipt', sealCode: receipt.sealCode } });

    // Emailed as an attachment: the very bytes stored.
    const mail = await portal.smtp.waitFor((m) => m.to.includes(person.email) && m.attachments.length > 0, 20_000);
    expect(mail.subject).toContain('Récépissé de dépôt');
    expect(mail.text).toContain(receipt.sealCode!);
    expect(mail.attachments).toEqual([expect.objectContaining({ filename: `recepisse-${file.reference}.pdf`, contentType: 'application/pdf' })]);
    expect(sha256(mail.attachments[0].content)).toBe(receipt.sha256);

    // Another resident, and another directorate's agent, cannot download it.
    const other = (await login(portal, await createAccount(portal, 'citizen'))).accessToken;
    await api().get(`/api/requests/${file.id}/documents/${receipt.id}`).set(authHeader(other)).expect(404);
    const otherAgent = (await login(portal, await createAccount(portal, 'agent', 'DEL'))).accessToken;
    await api().get(`/api/requests/${file.id}/documents/${receipt.id}`).set(authHeader(otherAgent)).expect(404);
    await download(agent, file.id, receipt.id);
  });

  it('issues one decision letter with the amount granted, whose QR code and code verify — and a changed amount or byte does not', async () => {
    const person = await registerVerified(portal, { firstName: 'Paul', lastName: 'Néaoutyine' });
    const { accessToken } = await login(portal, person);
    const file = await submitAid(accessToken);
    const { version } = await inReview(file.id);
    await api().post(`/api/agent/requests/${file.id}/transition`).set(authHeader(agent)).send({ action: 'approve', grantedAmountXpf: 150_000, expectedVersion: version }).expect(200);

    const letter = await issued(file.id, 'decision');
    const bytes = await download(accessToken, file.id, letter.id);
    const text = await pdfText(bytes);
    for (const expected of ['NOTIFICATION DE DÉCISION', file.reference, 'Demande acceptée', 'Montant accordé', '150 000 F CFP', 'Voies et délais de recours', letter.sealCode!]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('150000');

    // The QR code, read from the image in the PDF, holds the verification URL and the seal.
    const url = (await qrCodeIn(bytes))!;
    expect(url.startsWith(`${PUBLIC_URL}/verifier?d=`)).toBe(true);
    const jws = new URL(url).searchParams.get('d')!;
    expect(jws).toBe(letter.seal);

    // Anyone verifies it offline with the published key (plain node:crypto here).
    const keys = await api().get('/api/seal/keys').expect(200);
    expect(keys.body.keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: 'sceau-2026', use: 'sig', alg: 'EdDSA' }]);
    const [header, payload, signature] = jws.split('.');
    const publicKey = createPublicKey({ key: keys.body.keys[0], format: 'jwk' });
    expect(verify(null, Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
    const facts = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(facts).toEqual({ reference: file.reference, document: 'decision', outcome: 'approved', date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), amountXpf: 150_000 });

    // The public API: by scanned URL, by typed code (any case, without dashes), by the PDF itself.
    const byUrl = await api().post('/api/verifications').send({ code: url }).expect(200);
    expect(byUrl.body).toEqual({
      status: 'authentique',
      message: expect.stringContaining('Document authentique'),
      facts: { reference: file.reference, document: 'decision', documentLabel: 'Notification de décision', outcome: 'approved', outcomeLabel: 'Demande acceptée', date: facts.date, amountXpf: 150_000, amountLabel: '150\u00a0000\u00a0F\u00a0CFP' },
      keyId: 'sceau-2026',
      code: letter.sealCode,
    });
    // Nothing about the person: only what the seal states.
    expect(JSON.stringify(byUrl.body)).not.toMatch(/Paul|Néaoutyine|@/);
    const byCode = await api().post('/api/verifications').send({ code: letter.sealCode!.replace(/-/g, '').toLowerCase() }).expect(200);
    expect(byCode.body).toEqual(byUrl.body);
    const byFile = await api().post('/api/verifications/document').attach('file', bytes, { filename: 'lettre.pdf', contentType: 'application/pdf' }).expect(200);
    expect(byFile.body).toEqual(byUrl.body);
    // A page may send other fields first: they are skipped.
    const withField = await api().post('/api/verifications/document').field('source', 'page').attach('file', bytes, { filename: 'lettre.pdf', contentType: 'application/pdf' }).expect(200);
    expect(withField.body).toEqual(byUrl.body);

    // A changed amount (re-encoded facts, the old signature), a changed byte, an unknown code: not recognised.
    const forged = Buffer.from(JSON.stringify({ ...facts, amountXpf: 1_500_000 })).toString('base64url');
    for (const code of [`${PUBLIC_URL}/verifier?d=${header}.${forged}.${signature}`, `${header}.${payload}.${signature.slice(0, -2)}AA`, 'ZZZZ-ZZZZ-ZZZZ']) {
      const res = await api().post('/api/verifications').send({ code }).expect(200);
      expect(res.body).toEqual({ status: 'non_reconnu', message: expect.stringContaining('Document non reconnu') });
    }
    const tampered = Buffer.from(bytes);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    const byTampered = await api().post('/api/verifications/document').attach('file', tampered, { filename: 'lettre.pdf', contentType: 'application/pdf' }).expect(200);
    expect(byTampered.body.status).toBe('non_reconnu');

    // Malformed input: stable codes, never a 500.
    const empty = await api().post('/api/verifications').send({ code: '  ' }).expect(400);
    expect(empty.body.code).toBe('VALIDATION_FAILED');
    const noFile = await api().post('/api/verifications/document').field('autre', 'x').expect(400);
    expect(noFile.body.code).toBe('VALIDATION_FAILED');
    await api().post('/api/verifications/document').send({ file: 'x' }).expect(415);
  });

  it('issues exactly one letter per decision however often the job runs, with the same bytes', async () => {
    const { accessToken } = await login(portal, await registerVerified(portal));
    const file = await submitAid(accessToken);
    const { version } = await inReview(file.id);
    await api().post(`/api/agent/requests/${file.id}/transition`).set(authHeader(agent)).send({ action: 'reject', reason: 'Le projet ne relève pas du dispositif.', expectedVersion: version }).expect(200);
    const decided = await portal.db.manager.findOneByOrFail(RequestEvent, { requestId: file.id, type: 'decided' });

    // The job delivered again, three times at once (at-least-once delivery), alongside the worker's own run.
    const letters = portal.worker!.get(IssuedDocumentsService);
    const results = await Promise.all([letters.issue(decided.id), letters.issue(decided.id), letters.issue(decided.id)]);
    const letter = await issued(file.id, 'decision');
    expect(results.map((d) => d?.id)).toEqual([letter.id, letter.id, letter.id]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await portal.db.manager.countBy(RequestDocument, { requestId: file.id, issuedKind: 'decision' })).toBe(1);
    expect(await portal.db.manager.countBy(RequestEvent, { requestId: file.id, type: 'document_issued' })).toBe(2); // receipt + letter

    // Deterministic content: rendering the same event again gives the stored bytes.
    const again = await letters.render(decided, 'decision');
    expect(sha256(again.bytes)).toBe(letter.sha256);
    const text = await pdfText(again.bytes);
    expect(text).toContain('Demande rejetée');
    expect(text).toContain('Motif : Le projet ne relève pas du dispositif.');
  });

  it('issues the letter of an implicit rejection from the deadline job, stating the rule', async () => {
    const silent = await createService(portal, {
      directorateCode: 'DAJI',
      deadlineRule: { outcome: 'implicit_rejection', duration: { unit: 'minutes', value: 0 }, suspendedWhileAwaitingApplicant: true },
    });
    const { accessToken } = await login(portal, await registerVerified(portal));
    const draft = await createDraft(portal, accessToken, silent.code);
    await api().post(`/api/requests/${draft.id}/submit`).set(authHeader(accessToken)).set('idempotency-key', `k-${draft.id}`).send({}).expect(200);

    const letter = await issued(draft.id, 'decision');
    const text = await pdfText(await download(accessToken, draft.id, letter.id));
    for (const expected of ['Rejet implicite (silence de l’administration)', 'n’a pas fait l’objet d’une décision expresse', 'réputée rejetée', 'Conseil d’État, 5 février 2014, n° 358810', 'décision implicite de rejet']) {
      expect(text).toContain(expected);
    }
    const check = await api().post('/api/verifications').send({ code: letter.sealCode }).expect(200);
    expect(check.body.facts).toMatchObject({ outcome: 'implicit_rejection', document: 'decision' });
  });

  it('keeps old documents verifiable after a key rotation, and only while the old key is listed', async () => {
    const { accessToken } = await login(portal, await registerVerified(portal));
    const file = await submitAid(accessToken);
    const receipt = await issued(file.id, 'receipt');

    const key2027 = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    const old = KEY_2026.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const rotated = new Seal(validateConfig({ SEAL_PRIVATE_KEY: key2027, SEAL_KEY_ID: 'sceau-2027', SEAL_PREVIOUS_PUBLIC_KEYS: `sceau-2026:${old}` }));
    const forgotten = new Seal(validateConfig({ SEAL_PRIVATE_KEY: key2027, SEAL_KEY_ID: 'sceau-2027' }));
    const checkWith = (seal: Seal) => new SealVerification(portal.db, seal);

    expect(rotated.jwks().keys.map((k) => k.kid)).toEqual(['sceau-2027', 'sceau-2026']);
    expect(await checkWith(rotated).verifyCode(receipt.sealCode!)).toMatchObject({ status: 'authentique', keyId: 'sceau-2026', facts: { reference: file.reference, document: 'receipt' } });
    expect(await checkWith(rotated).verifyCode(`${PUBLIC_URL}/verifier?d=${receipt.seal}`)).toMatchObject({ status: 'authentique', keyId: 'sceau-2026' });
    expect(await checkWith(forgotten).verifyCode(receipt.sealCode!)).toMatchObject({ status: 'non_reconnu' });
    // New seals carry the new key id.
    expect(rotated.verify(rotated.sign({ reference: file.reference, document: 'receipt', outcome: 'submitted', date: '2027-01-04' }))).toMatchObject({ valid: true, kid: 'sceau-2027' });
  });
});
