import type { LiveEvent } from './live-event';
import { LiveMandate, streamReceives } from './stream-scope';

const event = (overrides: Partial<LiveEvent> = {}): LiveEvent => ({
  id: '10',
  requestId: 'r1',
  type: 'submitted',
  fromStatus: 'draft',
  toStatus: 'submitted',
  actorId: 'a1',
  actorRole: 'applicant',
  visibility: 'applicant',
  payload: {},
  createdAt: new Date(),
  applicantAccountId: 'a1',
  businessId: null,
  directorateCode: 'DDET',
  serviceCode: 'DDET-AIDE',
  reference: 'PS-2026-000001',
  submitted: true,
  ...overrides,
});
const mandate = (overrides: Partial<LiveMandate> = {}): LiveMandate => ({ accountId: 'a2', businessId: 'b1', scopeDirectorates: null, scopeServices: null, ...overrides });

describe('streamReceives', () => {
  it('sends a person’s events to that person only', () => {
    expect(streamReceives({ kind: 'me', accountId: 'a1' }, event(), [])).toBe(true);
    expect(streamReceives({ kind: 'me', accountId: 'a2' }, event(), [])).toBe(false);
  });

  it('never sends internal events to the applicant’s side, always to the directorate', () => {
    const note = event({ visibility: 'internal', type: 'note_added' });
    expect(streamReceives({ kind: 'me', accountId: 'a1' }, note, [])).toBe(false);
    expect(streamReceives({ kind: 'request', accountId: 'a1', requestId: 'r1' }, note, [])).toBe(false);
    expect(streamReceives({ kind: 'agent', accountId: 'x', directorateCode: 'DDET' }, note, [])).toBe(true);
    expect(streamReceives({ kind: 'agent', accountId: 'x', directorateCode: 'DEL' }, note, [])).toBe(false);
    expect(streamReceives({ kind: 'agent', accountId: 'admin', directorateCode: null }, note, [])).toBe(true);
  });

  it('keeps drafts away from agents', () => {
    expect(streamReceives({ kind: 'agent', accountId: 'x', directorateCode: 'DDET' }, event({ type: 'created', submitted: false }), [])).toBe(false);
  });

  it('sends a business’s events to members whose live mandate covers the file, not to the filer alone', () => {
    const business = event({ businessId: 'b1' });
    expect(streamReceives({ kind: 'me', accountId: 'a2' }, business, [mandate()])).toBe(true);
    expect(streamReceives({ kind: 'me', accountId: 'a1' }, business, [mandate()])).toBe(false);
    expect(streamReceives({ kind: 'me', accountId: 'a2' }, business, [mandate({ scopeDirectorates: ['DEL'] })])).toBe(false);
    expect(streamReceives({ kind: 'me', accountId: 'a2' }, business, [mandate({ scopeServices: ['DDET-AIDE'] })])).toBe(true);
    expect(streamReceives({ kind: 'me', accountId: 'a2' }, business, [mandate({ businessId: 'b2' })])).toBe(false);
  });

  it('limits a file stream to that file', () => {
    expect(streamReceives({ kind: 'request', accountId: 'a1', requestId: 'r1' }, event(), [])).toBe(true);
    expect(streamReceives({ kind: 'request', accountId: 'a1', requestId: 'r2' }, event(), [])).toBe(false);
  });
});
