import { Transform, TransformCallback } from 'node:stream';
import { DocumentKind, detectDocumentKind, hasTrailingZip, SIGNATURE_BYTES, TRAILER_BYTES, unsupportedDocument } from './magic-bytes';

/**
 * Passes a document through while checking it: its kind from the first bytes (an error before
 * anything else is written), and at the end that no archive is appended. Memory stays bounded:
 * the first few bytes, then the last 64 KiB.
 */
export class DocumentInspector extends Transform {
  private head: Buffer | null = Buffer.alloc(0);
  private tail: Buffer = Buffer.alloc(0);
  private kindFound: DocumentKind | null = null;

  /** The detected kind, once the stream has ended without error. */
  get kind(): DocumentKind {
    if (!this.kindFound) throw new Error('the document has not been inspected yet');
    return this.kindFound;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.keepTail(chunk);
      if (this.head === null) return callback(null, chunk);
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < SIGNATURE_BYTES) return callback();
      const head = this.head;
      this.detect(head);
      callback(null, head);
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      const pending = this.head;
      if (pending !== null) this.detect(pending);
      if (hasTrailingZip(this.tail)) throw unsupportedDocument('Ce fichier contient une archive (ZIP) ajoutée à la fin.');
      callback(null, pending && pending.length > 0 ? pending : undefined);
    } catch (error) {
      callback(error as Error);
    }
  }

  private detect(head: Buffer): void {
    this.kindFound = detectDocumentKind(head);
    this.head = null;
  }

  private keepTail(chunk: Buffer): void {
    this.tail = chunk.length >= TRAILER_BYTES ? chunk.subarray(chunk.length - TRAILER_BYTES) : Buffer.concat([this.tail, chunk]);
    if (this.tail.length > TRAILER_BYTES) this.tail = this.tail.subarray(this.tail.length - TRAILER_BYTES);
    // A slice would keep a large chunk alive: copy what we keep.
    if (this.tail.buffer.byteLength > 2 * TRAILER_BYTES) this.tail = Buffer.from(this.tail);
  }
}
