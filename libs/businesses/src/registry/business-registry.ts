import { DomainError } from '@portal/common';
import type { Ridet } from '@portal/common';

export interface RegistryAddress {
  street: string;
  /** `988` + 2 digits. */
  postcode: string;
  /** Usually one of PROVINCE_SUD_COMMUNES (@portal/common), but a real registry knows every commune. */
  commune: string;
}

export type RegistryStatus = 'active' | 'struck_off';

/** One establishment as the registry records it. Identifiers are digit strings, as stored and sent in JSON. */
export interface RegistryEstablishment {
  /** 7 digits. */
  rid: string;
  /** 10 digits. */
  ridet: string;
  legalName: string;
  /** 'SARL', 'SAS', 'SASU', 'EURL', 'EI', 'SA', 'SNC', 'Association'…; kept open because the real registry knows more forms. */
  legalForm: string;
  /** NAF rev. 2 code as the registry writes it, e.g. '5610A'. */
  nafCode: string;
  /** French label of the activity. */
  activityLabel: string;
  address: RegistryAddress;
  /** 3 digits, '001' upwards. */
  establishmentRank: string;
  status: RegistryStatus;
  /** ISO date (YYYY-MM-DD) of striking off; present only when struck off. */
  struckOffAt?: string;
}

/**
 * The answer to a lookup: the establishment asked for, plus every establishment of the same
 * company (by rank) so a user who typed a RID alone can pick the one they act for in one step.
 */
export interface RegistryEntry extends RegistryEstablishment {
  establishments: RegistryEstablishment[];
}

/**
 * The companies register (ISEE's RIDET in production). Behind an interface so the shipped
 * fixture adapter can be replaced by a real one without touching callers.
 */
export interface BusinessRegistry {
  /**
   * For a RIDET, that establishment. For a RID alone, the head office: the first active
   * establishment by rank, or the first one when all are struck off.
   * Resolves null when unknown; rejects with RegistryUnavailableError when the registry does not answer.
   */
  lookup(ridet: Ridet): Promise<RegistryEntry | null>;
}

/** DI token: `@Inject(BUSINESS_REGISTRY) registry: BusinessRegistry`. */
export const BUSINESS_REGISTRY = Symbol('BUSINESS_REGISTRY');

const DEFAULT_RETRY_AFTER_SECONDS = 30;

/**
 * The registry did not answer (timeout, outage). Not "unknown business": callers keep the
 * request and retry later. Maps to a 503 with Retry-After if it reaches HTTP.
 */
export class RegistryUnavailableError extends DomainError {
  constructor(
    readonly retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS,
    options: { cause?: unknown } = {},
  ) {
    super(
      'SERVICE_UNAVAILABLE',
      'Le répertoire des entreprises (RIDET) ne répond pas pour le moment. Réessayez dans quelques instants.',
      undefined,
      { 'retry-after': String(retryAfterSeconds) },
    );
    this.name = 'RegistryUnavailableError';
    if (options.cause !== undefined) this.cause = options.cause;
  }
}
