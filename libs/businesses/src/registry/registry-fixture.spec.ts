import { Ridet } from '@portal/common';
import { PROVINCE_SUD_COMMUNES } from '@portal/common';
import { RegistryEstablishment } from './business-registry';
import fixture from './registry-fixture.json';

/** Postcodes of the province Sud communes; Nouméa's cedex codes are not used in the fixture. */
const POSTCODES: Record<(typeof PROVINCE_SUD_COMMUNES)[number], string> = {
  Nouméa: '98800',
  Dumbéa: '98835',
  'Mont-Dore': '98809',
  Païta: '98890',
  Boulouparis: '98812',
  'La Foa': '98880',
  Sarraméa: '98882',
  Farino: '98881',
  Moindou: '98819',
  Bourail: '98870',
  Thio: '98829',
  Yaté: '98834',
  'Île des Pins': '98832',
  Poya: '98827',
};
const LEGAL_FORMS = ['SARL', 'SAS', 'SASU', 'EURL', 'EI', 'SA', 'SNC', 'SELARL', 'Association'];

const entries = fixture as readonly RegistryEstablishment[];
const byRid = new Map<string, RegistryEstablishment[]>();
for (const e of entries) byRid.set(e.rid, [...(byRid.get(e.rid) ?? []), e]);

describe('registry-fixture.json', () => {
  it('holds about fifty establishments, a few companies with several, about five struck off', () => {
    expect(entries.length).toBeGreaterThanOrEqual(45);
    expect(entries.length).toBeLessThanOrEqual(60);
    expect([...byRid.values()].filter((group) => group.length > 1).length).toBeGreaterThanOrEqual(3);
    expect([...byRid.values()].every((group) => group.length <= 3)).toBe(true);
    const struckOffCompanies = [...byRid.values()].filter((group) => group.every((e) => e.status === 'struck_off'));
    expect(struckOffCompanies.length).toBeGreaterThanOrEqual(4);
  });

  it.each(entries.map((e) => [e.ridet, e] as const))('%s is a well-formed establishment', (_, e) => {
    const ridet = Ridet.parse(e.ridet);
    expect(ridet.value).toBe(e.ridet);
    expect(ridet.isEstablishment).toBe(true);
    expect(ridet.rid).toBe(e.rid);
    expect(ridet.rank).toBe(e.establishmentRank);
    expect(e.legalName.trim()).not.toBe('');
    expect(LEGAL_FORMS).toContain(e.legalForm);
    expect(e.nafCode).toMatch(/^\d{4}[A-Z]$/);
    expect(e.activityLabel.trim()).not.toBe('');
    expect(e.address.street.trim()).not.toBe('');
    expect(e.address.postcode).toMatch(/^988\d{2}$/);
    expect(PROVINCE_SUD_COMMUNES).toContain(e.address.commune);
    expect(e.address.postcode).toBe(POSTCODES[e.address.commune as keyof typeof POSTCODES]);
    expect(['active', 'struck_off']).toContain(e.status);
    if (e.status === 'struck_off') expect(e.struckOffAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    else expect(e).not.toHaveProperty('struckOffAt');
    if (e.struckOffAt) expect(new Date(`${e.struckOffAt}T00:00:00Z`).toISOString().slice(0, 10)).toBe(e.struckOffAt);
  });

  it('has unique RIDETs', () => {
    expect(new Set(entries.map((e) => e.ridet)).size).toBe(entries.length);
  });

  it('numbers each company from 001 without gaps and keeps company data identical across establishments', () => {
    for (const [rid, group] of byRid) {
      const ranks = group.map((e) => e.establishmentRank).sort();
      expect({ rid, ranks }).toEqual({ rid, ranks: ranks.map((_, i) => String(i + 1).padStart(3, '0')) });
      expect(new Set(group.map((e) => `${e.legalName}|${e.legalForm}`)).size).toBe(1);
    }
  });

  it('has unique legal names across companies', () => {
    const names = [...byRid.values()].map((group) => group[0].legalName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('contains the demo entries the documentation uses', () => {
    const demo = byRid.get('1234567') ?? [];
    expect(demo.map((e) => [e.establishmentRank, e.legalName, e.legalForm, e.status, e.address.commune])).toEqual([
      ['001', 'Société Calédonienne de Démonstration', 'SARL', 'active', 'Nouméa'],
      ['002', 'Société Calédonienne de Démonstration', 'SARL', 'active', 'Païta'],
    ]);
    expect(entries.find((e) => e.ridet === '7654321001')?.status).toBe('struck_off');
  });
});
