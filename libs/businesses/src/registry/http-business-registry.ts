import type { Ridet } from '@portal/common';
import { BusinessRegistry, RegistryEntry, RegistryUnavailableError } from './business-registry';

const TIMEOUT_MS = 3_000;

/**
 * A companies register reached over HTTP: `GET <base>/ridet/<digits>` answers the JSON entry, 404
 * when unknown. Anything else (timeout, 5xx, garbage) means "the registry did not answer", never
 * "unknown business": callers keep the request and check again later.
 */
export class HttpBusinessRegistry implements BusinessRegistry {
  constructor(private readonly baseUrl: string) {}

  async lookup(ridet: Ridet): Promise<RegistryEntry | null> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl.replace(/\/$/, '')}/ridet/${ridet.value}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new RegistryUnavailableError(undefined, { cause: error });
    }
    if (response.status === 404) return null;
    if (!response.ok) throw new RegistryUnavailableError();
    try {
      const entry = (await response.json()) as RegistryEntry;
      if (typeof entry?.ridet !== 'string' || typeof entry.legalName !== 'string') throw new Error('unexpected registry answer');
      return entry;
    } catch (error) {
      throw new RegistryUnavailableError(undefined, { cause: error });
    }
  }
}
