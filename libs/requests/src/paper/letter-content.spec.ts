import type { ServiceVersion } from '@portal/catalogue';
import { letterContent, LetterInput, longNoumeaDate, noumeaTime } from './letter-content';

const service = {
  code: 'DDET-AIDE',
  title: 'Aide à l’investissement',
  deadlineRule: { outcome: 'implicit_rejection', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: true },
} as unknown as ServiceVersion;

const input = (overrides: Partial<LetterInput> = {}): LetterInput => ({
  facts: { reference: 'PS-2026-000123', document: 'receipt', outcome: 'submitted', date: '2026-12-01' },
  reference: 'PS-2026-000123',
  service,
  directorateName: 'Direction du Développement Économique et du Tourisme (DDET)',
  applicant: { civility: 'Mme', firstName: 'Marie', lastName: 'Wahnyamalla', postcode: '98800', commune: 'Nouméa' },
  business: null,
  submittedAt: new Date('2026-11-30T21:05:00Z'), // 1 December, 08:05 in Nouméa
  dueAt: new Date('2027-02-01T12:59:59Z'),
  at: new Date('2026-11-30T21:05:00Z'),
  reason: null,
  seal: { url: 'https://portail.example.nc/verifier?d=x', code: 'K7QM-2XRD-9PHA', keyId: 'dev', verifyAt: 'https://portail.example.nc/verifier' },
  ...overrides,
});

const all = (c: ReturnType<typeof letterContent>) => [...c.addressee, ...c.facts.flat(), ...c.paragraphs].join('\n');

describe('letterContent', () => {
  it('dates in Nouméa time, in French', () => {
    expect(longNoumeaDate(new Date('2026-11-30T21:05:00Z'))).toBe('1er\u00a0décembre\u00a02026');
    expect(noumeaTime(new Date('2026-11-30T21:05:00Z'))).toBe('8\u00a0h\u00a005');
  });

  it('writes a person’s receipt with the due date and the New Caledonian rule of silence', () => {
    const text = all(letterContent(input()));
    expect(text).toContain('Mme Marie WAHNYAMALLA');
    expect(text).toContain('Date limite de décision');
    expect(text).toContain('Conseil d’État, 5\u00a0février 2014, n°\u00a0358810');
    expect(text).toContain('la demande sera donc réputée rejetée');
  });

  it('addresses a business by name and RIDET, with the mandated person', () => {
    const content = letterContent(input({ business: { legalName: 'Boulangerie du Lagon SARL', ridet: '0122531001', postcode: '98800', commune: 'Nouméa' } }));
    expect(content.addressee).toEqual(['Boulangerie du Lagon SARL', 'RIDET 0 122 531 001', 'Représentée par Mme Marie WAHNYAMALLA, mandataire', '98800 Nouméa']);
    expect(content.paragraphs[0]).toBe('Madame, Monsieur,');
  });

  it('states the amount granted in whole francs CFP, and the reason of a rejection', () => {
    const approved = all(letterContent(input({ facts: { reference: 'PS-2026-000123', document: 'decision', outcome: 'approved', date: '2026-12-03', amountXpf: 150_000 } })));
    expect(approved).toContain('150\u00a0000\u00a0F\u00a0CFP');
    expect(approved).toContain('Voies et délais de recours');
    const rejected = all(letterContent(input({ facts: { reference: 'PS-2026-000123', document: 'decision', outcome: 'rejected', date: '2026-12-03' }, reason: 'Hors dispositif.' })));
    expect(rejected).toContain('a été rejetée');
    expect(rejected).toContain('Motif : Hors dispositif.');
  });

  it('explains an implicit rejection by the rule, with the deadline that passed', () => {
    const text = all(letterContent(input({ facts: { reference: 'PS-2026-000123', document: 'decision', outcome: 'implicit_rejection', date: '2027-02-02' } })));
    expect(text).toContain('dans le délai de 2\u00a0mois qui expirait le 1er\u00a0février\u00a02027');
    expect(text).toContain('décision implicite de rejet');
  });
});
