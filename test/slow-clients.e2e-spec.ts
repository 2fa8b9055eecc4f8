import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { RequestDocument } from '@portal/requests';
import { PDF } from './support/documents';
import { createAccount, createDraft, createService, login } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

/**
 * Requests whose body arrives slowly: an ordinary request is answered 503 at REQUEST_TIMEOUT_MS
 * (no client hangs, no worker slot held), while a document upload from a slow mobile link has
 * UPLOAD_TIMEOUT_MS to arrive.
 */

const REQUEST_TIMEOUT_MS = 1_000;

/** Sends the body in `parts` chunks spread over `overMs`; resolves with the status and body. */
function trickle(url: string, method: string, path: string, headers: Record<string, string>, body: Buffer, parts: number, overMs: number): Promise<{ status: number; text: string; ms: number }> {
  const started = Date.now();
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ms: Date.now() - started }));
    });
    req.on('error', reject);
    void (async () => {
      const size = Math.ceil(body.length / parts);
      for (let offset = 0; offset < body.length; offset += size) {
        if (req.destroyed) return;
        req.write(body.subarray(offset, offset + size));
        await sleep(overMs / parts);
      }
      req.end();
    })();
  });
}

function multipart(boundary: string, documentType: string, file: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="documentType"\r\n\r\n${documentType}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="piece.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

describe('Slow clients (e2e)', () => {
  let portal: TestPortal;
  let token: string;
  let draftId: string;

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false, env: { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), UPLOAD_TIMEOUT_MS: '30000' } });
    const service = await createService(portal, { requiredDocuments: [{ type: 'piece', label: 'Pièce justificative', required: false }] });
    token = (await login(portal, await createAccount(portal, 'citizen'))).accessToken;
    draftId = (await createDraft(portal, token, service.code)).id;
  });

  afterAll(async () => {
    await portal?.close();
  });

  it('answers an ordinary request whose body trickles in with 503 at the request timeout', async () => {
    const body = Buffer.from(JSON.stringify({ data: { commune: 'Nouméa', remarque: 'x'.repeat(200) } }));
    const res = await trickle(portal.url, 'PATCH', `/api/requests/${draftId}`, { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body, 10, 3 * REQUEST_TIMEOUT_MS);
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(res.ms).toBeLessThan(3 * REQUEST_TIMEOUT_MS);
  });

  it('gives a document upload from a slow link the upload timeout, and stores it', async () => {
    const boundary = 'limite-lente-7d2c';
    const res = await trickle(
      portal.url,
      'POST',
      `/api/requests/${draftId}/documents`,
      { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      multipart(boundary, 'piece', PDF),
      10,
      3 * REQUEST_TIMEOUT_MS,
    );
    expect({ status: res.status, text: res.text }).toMatchObject({ status: 201 });
    expect(res.ms).toBeGreaterThan(2 * REQUEST_TIMEOUT_MS);
    expect(await portal.db.manager.countBy(RequestDocument, { requestId: draftId })).toBe(1);
  });
});
