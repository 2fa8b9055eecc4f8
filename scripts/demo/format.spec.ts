import { EventData, formatEventLine, formatNotificationLine } from './format';

const event = (overrides: Partial<EventData>): EventData => ({
  id: '1',
  type: 'info_requested',
  label: 'Demande de compléments',
  toStatus: 'awaiting_applicant',
  requestId: 'r',
  reference: 'PS-2026-000042',
  details: {},
  ...overrides,
});

describe('demo lines', () => {
  it('prints the delay, the reference, the label and the new status in French', () => {
    expect(formatEventLine(212.4, event({}))).toMatch(/^\+ {3}212 ms {2}PS-2026-000042 {2}Demande de compléments +\(en attente de compléments\)$/);
  });

  it('shows drafts, documents, amounts granted and messages', () => {
    expect(formatEventLine(5, event({ type: 'document_added', label: 'Document ajouté', toStatus: null, reference: null, details: { documentType: 'rib' } }))).toContain('brouillon       Document ajouté : rib');
    expect(formatEventLine(5, event({ type: 'decided', label: 'Demande acceptée', toStatus: 'approved', details: { grantedAmountXpf: 2_000_000 } }))).toMatch(/\(acceptée\) {2}— 2.000.000 F CFP accordés$/);
    expect(formatEventLine(5, event({ details: { message: 'Merci de joindre le devis.' } }))).toContain('« Merci de joindre le devis. »');
    expect(formatNotificationLine(1234, { requestId: 'r', eventId: '1', title: 'PS-2026-000042 — Décision' })).toMatch(/^\+ +1.234 ms {2}✉ notification {2}« PS-2026-000042 — Décision »$/);
  });
});
