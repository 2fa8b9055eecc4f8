import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { DomainError } from '@portal/common';
import { DocumentInspector } from './document-inspector';
import { detectDocumentKind, hasTrailingZip } from './magic-bytes';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1');

/** A minimal end-of-central-directory record, optionally with a comment. */
function eocd(comment = ''): Buffer {
  const record = Buffer.alloc(22);
  record.write('PK\x05\x06', 0, 'latin1');
  record.writeUInt16LE(comment.length, 20);
  return Buffer.concat([record, Buffer.from(comment, 'latin1')]);
}

function rejection(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('detectDocumentKind', () => {
  it.each([
    ['PDF', PDF, 'application/pdf', 'pdf'],
    ['PNG', PNG, 'image/png', 'png'],
    ['JPEG', JPEG, 'image/jpeg', 'jpg'],
  ])('recognises %s by its first bytes', (_label, bytes, contentType, extension) => {
    expect(detectDocumentKind(bytes)).toMatchObject({ contentType, extension });
  });

  it.each([
    ['a Windows executable', EXE],
    ['plain text', Buffer.from('Bonjour, voici mon justificatif.')],
    ['HTML', Buffer.from('<!DOCTYPE html><script>alert(1)</script>')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['a PDF signature not at offset 0', Buffer.concat([Buffer.from('   '), PDF])],
    ['a truncated PNG signature', PNG.subarray(0, 7)],
    ['two JPEG bytes', JPEG.subarray(0, 2)],
    ['an empty file', Buffer.alloc(0)],
  ])('refuses %s with UNSUPPORTED_MEDIA_TYPE and a French message', (_label, bytes) => {
    const error = rejection(() => detectDocumentKind(bytes));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.status).toBe(415);
    expect(error.message).toContain('Formats acceptés : PDF, PNG, JPEG.');
  });

  it.each([
    ['a ZIP', ZIP],
    ['an empty ZIP', eocd()],
    ['a spanned ZIP', Buffer.from('PK\x07\x08PK\x03\x04', 'latin1')],
  ])('refuses %s as an archive', (_label, bytes) => {
    const error = rejection(() => detectDocumentKind(bytes));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toMatch(/archives/);
  });
});

describe('hasTrailingZip', () => {
  it('finds an archive appended to a PDF (exact comment length)', () => {
    expect(hasTrailingZip(Buffer.concat([PDF, ZIP, eocd()]))).toBe(true);
    expect(hasTrailingZip(Buffer.concat([PDF, ZIP, eocd('un commentaire')]))).toBe(true);
  });

  it('finds an archive followed by junk when a central directory header precedes it', () => {
    expect(hasTrailingZip(Buffer.concat([JPEG, Buffer.from('PK\x01\x02', 'latin1'), Buffer.alloc(40), eocd(), Buffer.from('junk')]))).toBe(true);
  });

  it('ignores documents without one, and a lone signature that does not fit', () => {
    expect(hasTrailingZip(PDF)).toBe(false);
    expect(hasTrailingZip(Buffer.alloc(0))).toBe(false);
    expect(hasTrailingZip(Buffer.concat([PDF, eocd('commentaire'), Buffer.from('x')]))).toBe(false);
  });

  it('stays linear on a tail full of signatures', () => {
    const hostile = Buffer.alloc(22 + 0xffff);
    for (let i = 0; i + 4 <= hostile.length; i += 4) hostile.write('PK\x05\x06', i, 'latin1');
    hostile.writeUInt16LE(0xffff, 20); // no record fits exactly
    const started = Date.now();
    hasTrailingZip(hostile);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

async function inspect(chunks: Buffer[]): Promise<{ inspector: DocumentInspector; output: Buffer }> {
  const inspector = new DocumentInspector();
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    inspector,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out.push(chunk);
        callback();
      },
    }),
  );
  return { inspector, output: Buffer.concat(out) };
}

describe('DocumentInspector', () => {
  it('passes every byte through and reports the kind, even with a signature split across chunks', async () => {
    const body = Buffer.concat([PNG, Buffer.alloc(100_000, 7)]);
    const chunks = [body.subarray(0, 1), body.subarray(1, 3), body.subarray(3, 50_000), body.subarray(50_000)];
    const { inspector, output } = await inspect(chunks);
    expect(inspector.kind.contentType).toBe('image/png');
    expect(output.equals(body)).toBe(true);
  });

  it('accepts a document shorter than the longest signature', async () => {
    const { inspector, output } = await inspect([Buffer.from('%PDF-')]);
    expect(inspector.kind.contentType).toBe('application/pdf');
    expect(output.toString()).toBe('%PDF-');
  });

  it('fails before passing anything on when the first bytes are not accepted', async () => {
    const seen: Buffer[] = [];
    const inspector = new DocumentInspector();
    inspector.on('data', (chunk: Buffer) => seen.push(chunk));
    await expect(pipeline(Readable.from([EXE, Buffer.alloc(1000)]), inspector)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(seen).toHaveLength(0);
  });

  it('fails on an empty stream', async () => {
    await expect(inspect([])).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('refuses a JPEG/ZIP polyglot (an archive appended to the image)', async () => {
    await expect(inspect([JPEG, Buffer.alloc(200_000, 1), ZIP, eocd()])).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringContaining('archive'),
    });
  });
});
