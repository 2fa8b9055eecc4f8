import { DomainError } from '@portal/common';
import { Ridet } from '@portal/common';
import { BUSINESS_REGISTRY, RegistryUnavailableError } from './business-registry';
import { FixtureBusinessRegistry, fixtureBusinessRegistryProvider } from './fixture-business-registry';

const registry = new FixtureBusinessRegistry();
const lookup = (input: string) => registry.lookup(Ridet.parse(input));

describe('FixtureBusinessRegistry', () => {
  it('finds an establishment by RIDET, with its siblings', async () => {
    const entry = await lookup('1 234 567 001');
    expect(entry).toMatchObject({
      rid: '1234567',
      ridet: '1234567001',
      legalName: 'Société Calédonienne de Démonstration',
      legalForm: 'SARL',
      establishmentRank: '001',
      status: 'active',
      address: { commune: 'Nouméa', postcode: '98800' },
    });
    expect(entry?.struckOffAt).toBeUndefined();
    expect(entry?.establishments.map((e) => [e.ridet, e.address.commune])).toEqual([
      ['1234567001', 'Nouméa'],
      ['1234567002', 'Païta'],
    ]);
  });

  it('finds a second establishment', async () => {
    const entry = await lookup('1.234.567.002');
    expect(entry).toMatchObject({ ridet: '1234567002', establishmentRank: '002', address: { commune: 'Païta', postcode: '98890' } });
  });

  it('answers the head office for a RID alone', async () => {
    const entry = await lookup('1 234 567');
    expect(entry?.ridet).toBe('1234567001');
    expect(entry?.establishments).toHaveLength(2);
  });

  it('answers the first active establishment when rank 001 is struck off', async () => {
    const entry = await lookup('1447861');
    expect(entry).toMatchObject({ ridet: '1447861002', status: 'active' });
    expect(entry?.establishments.map((e) => e.status)).toEqual(['struck_off', 'active']);
  });

  it('finds a RID whose leading zeros were dropped', async () => {
    expect((await lookup('87412'))?.ridet).toBe('0087412001');
    expect((await lookup('87412001'))?.legalName).toBe('Restaurant Le Tamanou');
  });

  it('returns null for an unknown RID or an unknown rank of a known RID', async () => {
    await expect(lookup('0 122 531 001')).resolves.toBeNull();
    await expect(lookup('9999999')).resolves.toBeNull();
    await expect(lookup('1 234 567 003')).resolves.toBeNull();
  });

  it('reports a struck-off business with its date', async () => {
    const entry = await lookup('7 654 321 001');
    expect(entry).toMatchObject({ status: 'struck_off', struckOffAt: '2021-06-30' });
    // A RID alone still answers when every establishment is struck off: the caller decides what to say.
    expect((await lookup('7654321'))?.ridet).toBe('7654321001');
  });

  it('returns copies that callers cannot use to alter the fixture', async () => {
    const first = await lookup('1234567001');
    first!.legalName = 'Modifié';
    first!.establishments[1].address.commune = 'Thio';
    const again = await lookup('1234567001');
    expect(again?.legalName).toBe('Société Calédonienne de Démonstration');
    expect(again?.establishments[1]?.address.commune).toBe('Païta');
  });

  it('rejects with RegistryUnavailableError during a simulated outage, and recovers', async () => {
    let down = true;
    const flaky = new FixtureBusinessRegistry({ unavailable: () => down });
    const error = await flaky.lookup(Ridet.parse('1234567001')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnavailableError);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as RegistryUnavailableError).code).toBe('SERVICE_UNAVAILABLE');
    expect((error as RegistryUnavailableError).headers).toEqual({ 'retry-after': '30' });
    expect((error as RegistryUnavailableError).message).toMatch(/ne répond pas/);
    down = false;
    await expect(flaky.lookup(Ridet.parse('1234567001'))).resolves.not.toBeNull();
  });

  it('can serve test-specific data', async () => {
    const [demo] = (await lookup('1234567001'))!.establishments;
    const custom = new FixtureBusinessRegistry({ establishments: [{ ...demo, legalName: 'Autre' }] });
    await expect(custom.lookup(Ridet.parse('1234567'))).resolves.toMatchObject({ legalName: 'Autre', establishments: [{ legalName: 'Autre' }] });
    await expect(custom.lookup(Ridet.parse('1234567002'))).resolves.toBeNull();
  });

  it('is bound to BUSINESS_REGISTRY by the provider', () => {
    expect(fixtureBusinessRegistryProvider).toMatchObject({ provide: BUSINESS_REGISTRY });
    const factory = (fixtureBusinessRegistryProvider as { useFactory: () => unknown }).useFactory;
    expect(factory()).toBeInstanceOf(FixtureBusinessRegistry);
  });
});
