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
