import { MEMBERSHIP_ROLES, MembershipRole } from './entities/business-membership.entity';
import { grantRefusal, isManagerRole, managementRefusal, Mandate, mandateAfter, mandateDiff, mandateEndErrors, parseMandateEnd, removesManagement, scopeErrors } from './membership-rules';

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

  describe('grantRefusal', () => {
    const end = new Date('2027-06-30T12:59:59.999Z');
    const unrestricted: Mandate = { role: 'admin', scopeDirectorates: null, scopeServices: null, expiresAt: null };
    const ddet: Mandate = { role: 'admin', scopeDirectorates: ['DDET'], scopeServices: null, expiresAt: null };
    const grant = (terms: Partial<Mandate> = {}): Mandate => ({ role: 'member', scopeDirectorates: null, scopeServices: null, expiresAt: null, ...terms });

    it('lets an unrestricted administrator grant anything up to administrator', () => {
      expect(grantRefusal(unrestricted, grant())).toBeNull();
      expect(grantRefusal(unrestricted, grant({ role: 'admin', expiresAt: end }))).toBeNull();
      expect(grantRefusal(unrestricted, grant({ role: 'legal_representative' }))).toMatch(/représentant légal/);
    });

    it('keeps directorates within the actor’s: null (every directorate) only from an unrestricted actor', () => {
      expect(grantRefusal(ddet, grant({ scopeDirectorates: ['DDET'] }))).toBeNull();
      expect(grantRefusal(ddet, grant({ role: 'admin', scopeDirectorates: ['DDET'], scopeServices: ['DDET-INVEST-TOURISME'] }))).toBeNull();
      expect(grantRefusal(ddet, grant({ scopeDirectorates: null }))).toMatch(/limité aux directions DDET/);
      expect(grantRefusal(ddet, grant({ scopeDirectorates: ['DDET', 'DEL'] }))).toMatch(/ne couvre pas les directions DEL/);
      expect(grantRefusal(ddet, grant({ role: 'admin', scopeDirectorates: ['DAJI'] }))).toMatch(/DAJI/);
    });

    it('keeps services within the actor’s: null (every service) only from an actor without a service list', () => {
      const oneService: Mandate = { ...unrestricted, scopeServices: ['DEL-OFFRE-EMPLOI'] };
      expect(grantRefusal(oneService, grant({ scopeServices: ['DEL-OFFRE-EMPLOI'] }))).toBeNull();
      expect(grantRefusal(oneService, grant({ scopeDirectorates: ['DEL'], scopeServices: ['DEL-OFFRE-EMPLOI'] }))).toBeNull();
      expect(grantRefusal(oneService, grant())).toMatch(/limité aux démarches DEL-OFFRE-EMPLOI/);
      expect(grantRefusal(oneService, grant({ scopeServices: ['DEL-OFFRE-EMPLOI', 'DEL-AIDE-LOGEMENT'] }))).toMatch(/ne couvre pas les démarches DEL-AIDE-LOGEMENT/);
    });

    it('ends no later than the actor’s mandate; no end only from an actor without one', () => {
      const until = { ...unrestricted, expiresAt: end };
      expect(grantRefusal(until, grant({ expiresAt: end }))).toBeNull();
      expect(grantRefusal(until, grant({ expiresAt: new Date(end.getTime() - 1) }))).toBeNull();
      expect(grantRefusal(until, grant({ expiresAt: new Date(end.getTime() + 1) }))).toMatch(/30\/06\/2027/);
      expect(grantRefusal(until, grant({ expiresAt: null }))).toMatch(/prend fin le 30\/06\/2027/);
    });

    it('never lets a role exceed the actor’s', () => {
      expect(grantRefusal({ ...unrestricted, role: 'member' }, grant({ role: 'admin' }))).toMatch(/membre/);
      expect(grantRefusal({ ...unrestricted, role: 'member' }, grant({ role: 'member' }))).toBeNull();
    });

    it('leaves a legal representative’s powers whole', () => {
      const legal: Mandate = { role: 'legal_representative', scopeDirectorates: ['DDET'], scopeServices: ['DDET-INVEST-TOURISME'], expiresAt: end };
      expect(grantRefusal(legal, grant({ role: 'admin' }))).toBeNull();
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

  it('applies a change to a mandate: undefined keeps a term, null lifts it', () => {
    const current: Mandate = { role: 'member', scopeDirectorates: ['DEL'], scopeServices: ['DEL-OFFRE-EMPLOI'], expiresAt: new Date('2027-01-01T00:00:00Z') };
    expect(mandateAfter(current, {})).toEqual(current);
    expect(mandateAfter(current, { role: 'admin', scopeDirectorates: null, expiresAt: null })).toEqual({ ...current, role: 'admin', scopeDirectorates: null, expiresAt: null });
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
