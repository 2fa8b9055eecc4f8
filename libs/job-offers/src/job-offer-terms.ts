import type { JobOffer } from './job-offer.entity';

/** The DEL service whose approval publishes an offer, and who may manage it on the business's side. */
export const JOB_OFFER_SERVICE_CODE = 'DEL-OFFRE-EMPLOI';
export const JOB_OFFER_DIRECTORATE = 'DEL';

/** The `type_contrat` choices of the service's form. */
export const CONTRACT_TYPES = ['cdi', 'cdd', 'interim', 'apprentissage'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const CONTRACT_TYPE_LABELS_FR: Record<ContractType, string> = {
  cdi: 'CDI',
  cdd: 'CDD',
  interim: 'Intérim',
  apprentissage: 'Apprentissage',
};

export function isContractType(x: unknown): x is ContractType {
  return (CONTRACT_TYPES as readonly unknown[]).includes(x);
}

export const JOB_OFFER_STATES = ['published', 'withdrawn', 'expired'] as const;
export type JobOfferState = (typeof JOB_OFFER_STATES)[number];

export const JOB_OFFER_STATE_LABELS_FR: Record<JobOfferState, string> = {
  published: 'publiée',
  withdrawn: 'retirée',
  expired: 'expirée',
};

/** Withdrawal wins over expiry: a withdrawn offer stays "withdrawn" after its period ends. */
export function jobOfferState(offer: Pick<JobOffer, 'withdrawnAt' | 'expiresAt'>, now: Date = new Date()): JobOfferState {
  if (offer.withdrawnAt) return 'withdrawn';
  return offer.expiresAt > now ? 'published' : 'expired';
}
