import { DomainError } from '@portal/common';

// The two upload limits, as messages an applicant can act on.

/** `10 Mo`, `195 Ko`: binary units, French decimal comma, no-break space. */
export function formatSize(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'Mo'] : [bytes / 1024, 'Ko'];
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value)}\u00a0${unit}`;
}

export const documentTooLargeMessage = (maxBytes: number): string =>
  `Le fichier dépasse la taille maximale autorisée (${formatSize(maxBytes)} par document).`;

export const requestDocumentsFullMessage = (maxBytes: number): string =>
  `Les documents de cette demande dépasseraient la taille totale autorisée (${formatSize(maxBytes)}). Retirez un document ou réduisez la taille du fichier.`;

export const documentTooLarge = (maxBytes: number): DomainError =>
  new DomainError('PAYLOAD_TOO_LARGE', documentTooLargeMessage(maxBytes), { maxBytes });

export const requestDocumentsFull = (maxBytes: number): DomainError =>
  new DomainError('PAYLOAD_TOO_LARGE', requestDocumentsFullMessage(maxBytes), { maxBytes });
