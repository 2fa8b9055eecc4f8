import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { DocumentStorage, MeteredStream, STORAGE_KEY, StorageLimits, StoredObject } from './document-storage';

/**
 * Documents in a local folder (STORAGE_DIR): `<root>/yyyy/mm/<uuid>`, no extension, not
 * executable. A write goes to `<root>/.tmp/` first and is renamed into place once complete, so a
 * half-written file is never visible under its key.
 */
@Injectable()
export class LocalDocumentStorage implements DocumentStorage {
  private readonly root: string;

  constructor(config: AppConfig) {
    this.root = resolve(config.STORAGE_DIR);
  }

  async write(key: string, stream: Readable, limits: StorageLimits): Promise<StoredObject> {
    const target = this.pathOf(key);
    const tmp = join(this.root, '.tmp', `${randomUUID()}.part`);
    const meter = new MeteredStream(limits);
    let sink: Promise<void> | undefined;
    try {
      // Piped before anything is awaited, so an error of the source always has a listener.
      await pipeline(stream, meter, (source: AsyncIterable<Buffer>) => (sink = writeFile(tmp, source)));
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      await rename(tmp, target);
    } catch (error) {
      // The pipeline gives up at the first error; the file may still be opening: let it settle first.
      await sink?.catch(() => undefined);
      await rm(tmp, { force: true });
      throw error;
    }
    return meter.result;
  }

  async read(key: string): Promise<Readable> {
    // Opened before any header is sent, so a missing file is a clean 404 rather than a cut stream.
    const handle = await open(this.pathOf(key), 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new DomainError('DOCUMENT_NOT_FOUND');
      throw error;
    });
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    // Keys are ours, but a tampered row must still not reach outside the root.
    if (!STORAGE_KEY.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error('storage key outside the storage root');
    return path;
  }
}

/** Writes every chunk to a new file (never overwrites one), readable and writable by the portal only. */
async function writeFile(path: string, chunks: AsyncIterable<Buffer>): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const handle = await open(path, 'wx', 0o600);
  try {
    for await (const chunk of chunks) {
      for (let offset = 0; offset < chunk.length; ) offset += (await handle.write(chunk, offset)).bytesWritten;
    }
  } finally {
    await handle.close();
  }
}
