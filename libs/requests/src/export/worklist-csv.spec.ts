import type { FormField } from '@portal/catalogue';
import type { Request } from '../entities/request.entity';
import { csvCell, csvLine, WorklistCsv } from './worklist-csv';

describe('csvCell', () => {
  it('quotes what would break a line, doubles quotes, leaves the rest as is', () => {
    expect(csvCell('Nouméa')).toBe('Nouméa');
    expect(csvCell('SARL Le Récif; Thio')).toBe('"SARL Le Récif; Thio"');
    expect(csvCell('dit "le Grand"')).toBe('"dit ""le Grand"""');
    expect(csvCell('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(120_000)).toBe('120000');
    expect(csvCell(true)).toBe('oui');
  });

  it('never lets a spreadsheet read a typed text as a formula (CSV injection)', () => {
    for (const attack of ['=HYPERLINK("http://x.example","clic")', '+33', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(attack).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell(-5)).toBe('-5'); // a number is a number
  });

  it('ends lines with CRLF, cells separated by semicolons', () => {
    expect(csvLine(['a', null, 3])).toBe('a;;3\r\n');
  });
});

describe('WorklistCsv', () => {
  const fields: FormField[] = [
    { key: 'loyer', type: 'amount_xpf', label: 'Loyer mensuel', required: true },
    { key: 'statut', type: 'choice', label: 'Statut du logement', required: true, options: [{ value: 'locataire', label: 'Locataire' }] },
    { key: 'bail', type: 'document', label: 'Bail', required: true },
  ];
  const file = {
    reference: 'PS-2026-000042',
    serviceCode: 'DEL-AIDE-LOGEMENT',
    directorateCode: 'DEL',
    status: 'in_review',
    applicantName: 'Wanakam Pwêêdi',
    business: { ridet: '0122531001' },
    submittedAt: new Date('2026-11-28T21:30:00Z'), // 29 November, 08:30 in Nouméa
    dueAt: new Date('2026-01-01T00:00:00Z'),
    decidedAt: null,
    decisionKind: null,
    grantedAmountXpf: null,
    data: { loyer: 85_000, statut: 'locataire' },
  } as unknown as Request;

  it('has the file’s columns, then the form’s fields but its documents', () => {
    expect(new WorklistCsv(fields).header()).toBe(
      'Référence;Démarche;Direction;Statut;Demandeur;RIDET;Déposée le;Échéance;En retard;Décidée le;Décision implicite;Montant accordé (XPF);Loyer mensuel;Statut du logement\r\n',
    );
  });

  it('writes dates in Nouméa time, the RIDET as written, choices by their label', () => {
    expect(new WorklistCsv(fields).row(file, new Date('2026-11-29T00:00:00Z'))).toBe(
      'PS-2026-000042;DEL-AIDE-LOGEMENT;DEL;en instruction;Wanakam Pwêêdi;0 122 531 001;29/11/2026 08:30;01/01/2026 11:00;oui;;;;85000;Locataire\r\n',
    );
  });
});
