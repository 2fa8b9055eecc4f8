import { DomainError } from '@portal/common';

// What an uploaded document is, decided from its first bytes only: the declared Content-Type and
// the file name are whatever the client says and are ignored for the decision.

export interface DocumentKind {
  readonly contentType: 'application/pdf' | 'image/png' | 'image/jpeg';
  /** The extension a stored name gets. */
  readonly extension: string;
  /** Extensions a name may already carry for this kind (lower case, without the dot). */
  readonly aliases: readonly string[];
  readonly label: string;
}

const PDF: DocumentKind = { contentType: 'application/pdf', extension: 'pdf', aliases: ['pdf'], label: 'PDF' };
const PNG: DocumentKind = { contentType: 'image/png', extension: 'png', aliases: ['png'], label: 'PNG' };
const JPEG: DocumentKind = { contentType: 'image/jpeg', extension: 'jpg', aliases: ['jpg', 'jpeg'], label: 'JPEG' };

export const ACCEPTED_DOCUMENT_KINDS: readonly DocumentKind[] = [PDF, PNG, JPEG];

const SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; kind: DocumentKind }> = [
  // `%PDF-` at offset 0. Readers tolerate it anywhere in the first KiB; we do not, so a file that
  // starts as something else (an archive, HTML) cannot also pass for a PDF.
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: PDF },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: PNG },
  { bytes: [0xff, 0xd8, 0xff], kind: JPEG },
];

/** Bytes needed to recognise every accepted kind (the PNG signature is the longest). */
export const SIGNATURE_BYTES = 8;

// ZIP local file header, empty archive, spanned archive: no archives at all (zip bombs, and
// ZIP-based formats such as DOCX or JAR).
const ARCHIVE_SIGNATURES: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
  [0x50, 0x4b, 0x07, 0x08],
];

export const ACCEPTED_TYPES_FR = ACCEPTED_DOCUMENT_KINDS.map((k) => k.label).join(', ');

export function unsupportedDocument(reason?: string): DomainError {
  return new DomainError(
    'UNSUPPORTED_MEDIA_TYPE',
    `${reason ?? "Ce type de fichier n'est pas accepté."} Formats acceptés : ${ACCEPTED_TYPES_FR}.`,
    { accepted: ACCEPTED_DOCUMENT_KINDS.map((k) => k.contentType) },
  );
}

const startsWith = (head: Uint8Array, bytes: readonly number[]): boolean =>
  head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

/** The kind of a document from its first bytes; anything else is refused with a 415. */
export function detectDocumentKind(head: Uint8Array): DocumentKind {
  if (ARCHIVE_SIGNATURES.some((s) => startsWith(head, s))) {
    throw unsupportedDocument('Les archives (ZIP et formats dérivés) ne sont pas acceptées.');
  }
  const match = SIGNATURES.find((s) => startsWith(head, s.bytes));
  if (!match) throw unsupportedDocument();
  return match.kind;
}

const EOCD = [0x50, 0x4b, 0x05, 0x06];
const CENTRAL_DIRECTORY = [0x50, 0x4b, 0x01, 0x02];
const EOCD_SIZE = 22;
const MAX_ZIP_COMMENT = 0xffff;

/** How many trailing bytes `hasTrailingZip` needs to see. */
export const TRAILER_BYTES = EOCD_SIZE + MAX_ZIP_COMMENT;

const at = (buf: Uint8Array, i: number, bytes: readonly number[]): boolean => bytes.every((b, j) => buf[i + j] === b);

/**
 * True when the end of a file is a ZIP end-of-central-directory record: a PDF or an image with an
 * archive appended (a polyglot that unzip tools open). Exact comment length, or a central directory
 * header before it: either is very unlikely to occur by chance in compressed image or PDF data.
 */
export function hasTrailingZip(tail: Uint8Array): boolean {
  const last = tail.length - EOCD_SIZE;
  const first = Math.max(0, last - MAX_ZIP_COMMENT);
  // One linear pass each (a tail full of signatures must not cost quadratic time).
  let firstCentralDirectory = -1;
  for (let j = 0; j + 4 <= tail.length && firstCentralDirectory < 0; j++) if (at(tail, j, CENTRAL_DIRECTORY)) firstCentralDirectory = j;
  for (let i = last; i >= first; i--) {
    if (!at(tail, i, EOCD)) continue;
    const commentLength = tail[i + 20] | (tail[i + 21] << 8);
    if (i + EOCD_SIZE + commentLength === tail.length) return true;
    if (firstCentralDirectory >= 0 && firstCentralDirectory + 4 <= i) return true;
  }
  return false;
}
