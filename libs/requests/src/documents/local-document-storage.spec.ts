import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AppConfig } from '@portal/config';
import { newStorageKey, STORAGE_KEY } from './document-storage';
import { LocalDocumentStorage } from './local-document-storage';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Chunks produced on demand: the whole body never exists in memory. `produced` counts what was read. */
function generated(totalBytes: number, chunkBytes = 64 * 1024): Readable & { produced: number } {
  const stream = new Readable({
    read() {
      if (stream.produced >= totalBytes) return void this.push(null);
      const size = Math.min(chunkBytes, totalBytes - stream.produced);
      stream.produced += size;
      this.push(Buffer.alloc(size, stream.produced % 251));
    },
  }) as Readable & { produced: number };
  stream.produced = 0;
  return stream;
}

describe('LocalDocumentStorage', () => {
  let root: string;
  let storage: LocalDocumentStorage;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'portal-docs-'));
    storage = new LocalDocumentStorage(Object.assign(new AppConfig(), { STORAGE_DIR: root }));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('generates keys yyyy/mm/<uuid>', () => {
    const key = newStorageKey(new Date('2026-03-09T12:00:00Z'));
    expect(key).toMatch(/^2026\/03\/[0-9a-f-]{36}$/);
    expect(STORAGE_KEY.test(key)).toBe(true);
  });

  it('stores the bytes under the key, with their size and SHA-256, not executable', async () => {
    const body = Buffer.from('%PDF-1.7 contenu');
    const key = newStorageKey();
    const stored = await storage.write(key, Readable.from([body]), { maxBytes: 1000 });
    expect(stored).toEqual({ sizeBytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
    expect((await readFile(join(root, key))).equals(body)).toBe(true);
    expect((await stat(join(root, key))).mode & 0o111).toBe(0);
    expect(await filesUnder(root)).toEqual([join(root, key)]);

    const chunks: Buffer[] = [];
    for await (const chunk of await storage.read(key)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);

    await storage.delete(key);
    await storage.delete(key);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('accepts exactly the limit and aborts one byte over, leaving nothing behind', async () => {
    await expect(storage.write(newStorageKey(), generated(300_000), { maxBytes: 300_000 })).resolves.toMatchObject({ sizeBytes: 300_000 });
    const key = newStorageKey();
    await expect(storage.write(key, generated(300_001), { maxBytes: 300_000, tooLargeMessage: 'trop gros' })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'trop gros',
    });
    expect(await filesUnder(root)).toHaveLength(1);
    await expect(stat(join(root, key))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stops reading soon after the limit instead of consuming the whole stream', async () => {
    const source = generated(50 * 1024 * 1024);
    await expect(storage.write(newStorageKey(), source, { maxBytes: 100_000 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(source.produced).toBeLessThan(1024 * 1024);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('removes the partial file when the source fails', async () => {
    const source = new Readable({ read() {} });
    source.push(Buffer.alloc(10_000));
    setImmediate(() => source.destroy(new Error('connexion coupée')));
    await expect(storage.write(newStorageKey(), source, { maxBytes: 1_000_000 })).rejects.toThrow('connexion coupée');
    expect(await filesUnder(root)).toEqual([]);
  });

  it('leaves no file when the source fails before the temporary file is even open', async () => {
    for (let i = 0; i < 20; i++) {
      const source = new Readable({ read() {} });
      process.nextTick(() => source.destroy(new Error('refusé')));
      await expect(storage.write(newStorageKey(), source, { maxBytes: 1_000 })).rejects.toThrow('refusé');
    }
    expect(await filesUnder(root)).toEqual([]);
  });

  it('answers DOCUMENT_NOT_FOUND for a missing key and refuses keys it did not make', async () => {
    await expect(storage.read(newStorageKey())).rejects.toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
    await expect(storage.read('../../etc/passwd')).rejects.toThrow(/invalid storage key/);
    await expect(storage.delete('2026/01/../../x')).rejects.toThrow(/invalid storage key/);
  });
});
