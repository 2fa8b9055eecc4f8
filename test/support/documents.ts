import { createHash } from 'node:crypto';
import request from 'supertest';
import { authHeader } from './factories';
import type { TestPortal } from './test-portal';

/** A tiny but genuine PDF (magic bytes `%PDF-`). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function attachPdf(portal: Pick<TestPortal, 'url'>, token: string, requestId: string, documentType: string, fileName = `${documentType}.pdf`): Promise<void> {
  await request(portal.url)
    .post(`/api/requests/${requestId}/documents`)
    .set(authHeader(token))
    .field('documentType', documentType)
    .attach('file', PDF, { filename: fileName, contentType: 'application/pdf' })
    .expect(201);
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Supertest buffers any response body as bytes with this parser: `.buffer(true).parse(binary)`. */
export function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
