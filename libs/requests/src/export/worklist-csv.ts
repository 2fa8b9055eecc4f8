import { Ridet } from '@portal/common';
import type { FormField } from '@portal/catalogue';
import { NOUMEA_TIME_ZONE } from '@portal/common';
import { isOpen, STATUS_LABELS_FR } from '../domain/request-workflow';
import type { Request } from '../entities/request.entity';

/** Excel (in French) reads UTF-8 and `;` from a file that starts with a byte-order mark. */
export const CSV_BOM = '\uFEFF';

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: NOUMEA_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/**
 * One cell: quoted when it holds `;`, a quote or a line break; and never read as a formula by a
 * spreadsheet (OWASP CSV injection): text starting with = + - @ tab or CR gets a leading quote.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'boolean' ? (value ? 'oui' : 'non') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: ReadonlyArray<string | number | boolean | null | undefined>): string => `${cells.map(csvCell).join(';')}\r\n`;

const dateTime = (date: Date | null): string | null => (date ? DATE_TIME.format(date).replace(',', '') : null);

/**
 * The worklist as a spreadsheet: the file's columns, then — when the export is for one service —
 * one column per field of its form (documents aside), choices by their label.
 */
export class WorklistCsv {
  private readonly fields: readonly FormField[];

  constructor(fields: readonly FormField[] = []) {
    this.fields = fields.filter((f) => f.type !== 'document');
  }

  header(): string {
    return csvLine([
      'Référence',
      'Démarche',
      'Direction',
      'Statut',
      'Demandeur',
      'RIDET',
      'Déposée le',
      'Échéance',
      'En retard',
      'Décidée le',
      'Décision implicite',
      'Montant accordé (XPF)',
      ...this.fields.map((f) => f.label),
    ]);
  }

  row(r: Request, now: Date): string {
    return csvLine([
      r.reference,
      r.serviceCode,
      r.directorateCode,
      STATUS_LABELS_FR[r.status],
      r.applicantName,
      // As written (0 122 531 001): a spreadsheet would read 0122531001 as a number and drop the zero.
      r.business ? Ridet.parse(r.business.ridet).format() : null,
      dateTime(r.submittedAt),
      dateTime(r.dueAt),
      !!r.dueAt && r.dueAt < now && isOpen(r.status),
      dateTime(r.decidedAt),
      r.decisionKind ? r.decisionKind === 'implicit' : null,
      r.grantedAmountXpf,
      ...this.fields.map((f) => {
        const answer = r.data[f.key];
        return f.options?.find((o) => o.value === answer)?.label ?? answer;
      }),
    ]);
  }
}
