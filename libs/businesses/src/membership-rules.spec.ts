import { MEMBERSHIP_ROLES, MembershipRole } from './entities/business-membership.entity';
import { isManagerRole, managementRefusal, Mandate, mandateDiff, mandateEndErrors, parseMandateEnd, removesManagement, scopeErrors } from './membership-rules';

describe('membership rules', () => {
  describe('managementRefusal', () => {
    const expected: Record<MembershipRole, Record<MembershipRole, boolean>> = {
      legal_representative: { legal_representative: true, admin: true, member: true },
      admin: { legal_representative: false, admin: true, member: true },
      member: { legal_representative: false, admin: false, member: false },
    };
    for (const actor of MEMBERSHIP_ROLES) {
      for (const target of MEMBERSHIP_ROLES) {
        it(`${actor} ${expected[actor][target] ? 'may' : 'may not'} manage ${target}`, () => {
          expect(managementRefusal(actor, target) === null).toBe(expected[actor][target]);
        });
      }
    }

    it('explains the refusal in French', () => {
      expect(managementRefusal('admin', 'legal_representative')).toMatch(/représentant légal/);
      expect(managementRefusal('member', 'member')).toMatch(/administrateurs/);
    });
  });

  it('knows which roles manage', () => {
    expect(MEMBERSHIP_ROLES.filter(isManagerRole)).toEqual(['legal_representative', 'admin']);
  });

  describe('mandateDiff', () => {
    const current: Mandate = { role: 'admin', scopeDirectorates: ['DEL', 'DDET'], scopeServices: null, expiresAt: new Date('2027-01-01T00:00:00Z') };

    it('keeps only the terms that change', () => {
      expect(mandateDiff(current, {})).toEqual({});
      expect(mandateDiff(current, { role: 'admin', scopeDirectorates: ['DDET', 'DEL'], scopeServices: null, expiresAt: new Date('2027-01-01T00:00:00Z') })).toEqual({});
      expect(mandateDiff(current, { role: 'member' })).toEqual({ role: 'member' });
      expect(mandateDiff(current, { scopeDirectorates: null })).toEqual({ scopeDirectorates: null });
      expect(mandateDiff(current, { scopeDirectorates: ['DEL'] })).toEqual({ scopeDirectorates: ['DEL'] });
      expect(mandateDiff(current, { scopeServices: ['DEL-OFFRE-EMPLOI'] })).toEqual({ scopeServices: ['DEL-OFFRE-EMPLOI'] });
      expect(mandateDiff(current, { expiresAt: null })).toEqual({ expiresAt: null });
      const later = new Date('2028-01-01T00:00:00Z');
      expect(mandateDiff(current, { expiresAt: later })).toEqual({ expiresAt: later });
    });
  });

  it('tells when a change takes management rights away', () => {
    expect(removesManagement('admin', { role: 'member' })).toBe(true);
    expect(removesManagement('legal_representative', { role: 'member' })).toBe(true);
    expect(removesManagement('legal_representative', { role: 'admin' })).toBe(false);
    expect(removesManagement('admin', { scopeDirectorates: ['DEL'] })).toBe(false);
    expect(removesManagement('member', { role: 'member' })).toBe(false);
  });

  describe('parseMandateEnd', () => {
    it('reads a date alone as the end of that day in Nouméa (UTC+11)', () => {
      expect(parseMandateEnd('2027-06-30')?.toISOString()).toBe('2027-06-30T12:59:59.999Z');
    });

    it('takes a date-time as written', () => {
      expect(parseMandateEnd('2027-06-30T08:00:00+11:00')?.toISOString()).toBe('2027-06-29T21:00:00.000Z');
      expect(parseMandateEnd('2027-06-30T08:00:00Z')?.toISOString()).toBe('2027-06-30T08:00:00.000Z');
    });

    it('refuses dates that do not exist', () => {
      expect(parseMandateEnd('2027-02-30')).toBeNull();
      expect(parseMandateEnd('2027-13-01')).toBeNull();
      expect(parseMandateEnd('pas une date')).toBeNull();
      expect(parseMandateEnd('2028-02-29')).not.toBeNull();
    });
  });

  it('wants an end date ahead', () => {
    const now = new Date('2026-05-01T00:00:00Z');
    expect(mandateEndErrors('expiresAt', null, now)).toEqual([]);
    expect(mandateEndErrors('expiresAt', undefined, now)).toEqual([]);
    expect(mandateEndErrors('expiresAt', new Date('2026-05-02T00:00:00Z'), now)).toEqual([]);
    expect(mandateEndErrors('expiresAt', now, now)).toEqual([expect.objectContaining({ field: 'expiresAt', code: 'PAST_DATE' })]);
  });

  describe('scopeErrors', () => {
    const services = new Map([
      ['DEL-OFFRE-EMPLOI', 'DEL'],
      ['DDET-INVEST-TOURISME', 'DDET'],
    ]);

    it('accepts no restriction, or services of the chosen directorates', () => {
      expect(scopeErrors(null, null, services)).toEqual([]);
      expect(scopeErrors(['DEL'], null, services)).toEqual([]);
      expect(scopeErrors(null, ['DEL-OFFRE-EMPLOI', 'DDET-INVEST-TOURISME'], services)).toEqual([]);
      expect(scopeErrors(['DEL', 'DDET'], ['DEL-OFFRE-EMPLOI'], services)).toEqual([]);
    });

    it('refuses unknown services and services outside the chosen directorates', () => {
      expect(scopeErrors(null, ['DEL-INCONNUE'], services)).toEqual([expect.objectContaining({ field: 'scopeServices', code: 'UNKNOWN_SERVICE' })]);
      expect(scopeErrors(['DEL'], ['DDET-INVEST-TOURISME'], services)).toEqual([
        expect.objectContaining({ field: 'scopeServices', code: 'OUTSIDE_DIRECTORATES', message: expect.stringContaining('DDET') }),
      ]);
    });
  });
});
