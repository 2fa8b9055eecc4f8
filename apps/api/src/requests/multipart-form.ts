import { Readable, Transform } from 'node:stream';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import { DomainError, validationFailed } from '@portal/common';
import { documentTooLarge } from '@portal/requests';

// Reading the portal's multipart forms in order, with multipart's own errors turned into the portal's.

/** The form's next part; `hint` says how the form should be sent, `tooMany` what the limit on parts is. */
export async function nextPart(
  parts: AsyncIterableIterator<Multipart>,
  hint: string,
  tooMany = 'Trop de champs ou de fichiers : un seul fichier par envoi.',
): Promise<Multipart | undefined> {
  try {
    const next = await parts.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 413) {
      throw new DomainError('PAYLOAD_TOO_LARGE', tooMany);
    }
    throw new DomainError('BAD_REQUEST', `Le formulaire envoyé est incomplet ou mal formé. ${hint}`);
  }
}

export const unknownField = (field: string, hint: string): DomainError =>
  validationFailed([{ field, code: 'UNKNOWN_FIELD', message: `Ce champ n'est pas attendu ici. ${hint}` }]);

/** Reads what is left of a file part into nothing, so the 4xx goes out on a request read to its end. */
export function discard(part: Multipart): void {
  if (part.type !== 'file') return;
  part.file.unpipe();
  part.file.resume();
}

/**
 * The file's bytes, failing with a 413 as soon as multipart's own fileSize limit cuts the file
 * short (busboy would otherwise end the stream quietly, flagging it `truncated`).
 */
export function failWhenTruncated(part: MultipartFile, maxBytes: number): Readable {
  const guard = new Transform({
    transform: (chunk: Buffer, _encoding, callback) => callback(null, chunk),
    flush: (callback) => callback(part.file.truncated ? documentTooLarge(maxBytes) : null),
  });
  // An error raised before the service starts reading stays in the stream for it to find.
  guard.on('error', () => undefined);
  part.file.once('limit', () => guard.destroy(documentTooLarge(maxBytes)));
  part.file.once('error', () => guard.destroy(new DomainError('BAD_REQUEST', "L'envoi du fichier a été interrompu.")));
  return part.file.pipe(guard);
}
