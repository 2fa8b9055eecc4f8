import type { Provider } from '@nestjs/common';
import type { Ridet } from '@portal/common';
import {
  BUSINESS_REGISTRY,
  BusinessRegistry,
  RegistryEntry,
  RegistryEstablishment,
  RegistryUnavailableError,
} from './business-registry';
// Imported rather than read from disk so `tsc` copies it into dist with the code.
import fixture from './registry-fixture.json';

export interface FixtureBusinessRegistryOptions {
  /** Simulates an outage: while it returns true, lookups reject with RegistryUnavailableError. */
  unavailable?: () => boolean;
  /** Replaces the shipped fixture, for tests that need specific data. */
  establishments?: readonly RegistryEstablishment[];
}

/**
 * The default registry: fictional businesses of province Sud shipped in registry-fixture.json,
 * until an adapter for ISEE's register replaces it behind BUSINESS_REGISTRY.
 */
export class FixtureBusinessRegistry implements BusinessRegistry {
  /** Establishments grouped by RID, sorted by rank. */
  private readonly byRid = new Map<string, RegistryEstablishment[]>();
  private readonly unavailable: () => boolean;

  constructor(options: FixtureBusinessRegistryOptions = {}) {
    this.unavailable = options.unavailable ?? (() => false);
    const establishments = options.establishments ?? (fixture as readonly RegistryEstablishment[]);
    for (const establishment of establishments) {
      const siblings = this.byRid.get(establishment.rid) ?? [];
      siblings.push(establishment);
      this.byRid.set(establishment.rid, siblings);
    }
    for (const siblings of this.byRid.values()) {
      siblings.sort((a, b) => a.establishmentRank.localeCompare(b.establishmentRank));
    }
  }

  async lookup(ridet: Ridet): Promise<RegistryEntry | null> {
    if (this.unavailable()) throw new RegistryUnavailableError();
    const establishments = this.byRid.get(ridet.rid);
    if (!establishments) return null;
    const found =
      ridet.rank === null ? headOffice(establishments) : establishments.find((e) => e.establishmentRank === ridet.rank);
    if (!found) return null;
    // A copy, so a caller mutating its answer cannot alter what the next caller reads.
    return structuredClone({ ...found, establishments });
  }
}

/**
 * The register does not flag a head office; rank 001 usually is one, but when it closes the
 * business carries on from a later rank. So: the first active establishment, else the first one.
 */
function headOffice(establishments: readonly RegistryEstablishment[]): RegistryEstablishment | undefined {
  return establishments.find((e) => e.status === 'active') ?? establishments[0];
}

/** Binds the fixture registry to BUSINESS_REGISTRY; a factory because the constructor takes options, not injectables. */
export const fixtureBusinessRegistryProvider: Provider = {
  provide: BUSINESS_REGISTRY,
  useFactory: (): BusinessRegistry => new FixtureBusinessRegistry(),
};
