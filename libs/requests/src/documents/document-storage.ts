import { createHash, randomUUID } from 'node:crypto';
import { Readable, Transform, TransformCallback } from 'node:stream';
import type { Logger } from '@nestjs/common';
import { DomainError } from '@portal/common';

// Where document bytes live. The default adapter writes to a local folder (LocalDocumentStorage);
// an S3-compatible adapter implements the same interface (multipart upload of the metered stream,
// aborted on error; GetObject for read; DeleteObject for delete) and is bound to the same token.

export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

export interface StorageLimits {
  /** Bytes beyond this abort the write with PAYLOAD_TOO_LARGE; nothing is kept. */
  maxBytes: number;
  /** The message of that error (per-file or per-request limit). */
  tooLargeMessage?: string;
}

export interface StoredObject {
  sizeBytes: number;
  /** Lower-case hex SHA-256 of the stored bytes. */
  sha256: string;
}

export interface DocumentStorage {
  /** Streams into `key`; on any error (limit included) nothing is left under the key or beside it. */
  write(key: string, stream: Readable, limits: StorageLimits): Promise<StoredObject>;
  /** DOCUMENT_NOT_FOUND when the key holds nothing. */
  read(key: string): Promise<Readable>;
  /** Idempotent. */
  delete(key: string): Promise<void>;
}

/**
 * Removes stored bytes whose rows are gone for good. A file left behind is harmless (no row names
 * it); a lost row is not: a failure is logged, never thrown.
 */
export async function removeStoredDocuments(storage: DocumentStorage, keys: string[], logger: Pick<Logger, 'warn'>): Promise<void> {
  await Promise.all(keys.map((key) => storage.delete(key).catch((error: unknown) => logger.warn({ err: error, key }, 'Could not remove a stored document'))));
}

/** Server-generated, never derived from anything the client sent: `yyyy/mm/<uuid>`. */
export function newStorageKey(now = new Date()): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${now.getUTCFullYear()}/${month}/${randomUUID()}`;
}

export const STORAGE_KEY = /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Counts and hashes the bytes that pass; errors as soon as the count goes over the limit. */
export class MeteredStream extends Transform {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private digest: string | null = null;

  constructor(private readonly limits: StorageLimits) {
    super();
  }

  get result(): StoredObject {
    if (this.digest === null) throw new Error('the stream has not ended');
    return { sizeBytes: this.bytes, sha256: this.digest };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxBytes) return callback(new DomainError('PAYLOAD_TOO_LARGE', this.limits.tooLargeMessage));
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    callback();
  }
}
