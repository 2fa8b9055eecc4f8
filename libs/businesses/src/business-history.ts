import type { EntityManager } from 'typeorm';
import { BusinessHistoryEntry } from './entities/business-history.entity';

/** What the business's history records. Add a type here with its French label. */
export const BUSINESS_HISTORY_TYPES = [
  'link_requested',
  'link_verified',
  'link_refused',
  'registry_refused',
  'member_approved',
  'member_refused',
  'member_updated',
  'member_revoked',
  'member_invited',
  'member_joined',
  'invitation_cancelled',
  'job_offer_withdrawn',
] as const;
export type BusinessHistoryType = (typeof BUSINESS_HISTORY_TYPES)[number];

const LABELS_FR: Record<BusinessHistoryType, string> = {
  link_requested: 'Demande de rattachement déposée',
  link_verified: 'Rattachement vérifié par la DAJI',
  link_refused: 'Rattachement refusé par la DAJI',
  registry_refused: 'Rattachements en attente refusés : entreprise radiée ou inconnue du répertoire',
  member_approved: 'Rattachement approuvé par un gestionnaire',
  member_refused: 'Rattachement refusé par un gestionnaire',
  member_updated: 'Mandat modifié',
  member_revoked: 'Mandat révoqué',
  member_invited: 'Invitation envoyée',
  member_joined: 'Invitation acceptée',
  invitation_cancelled: 'Invitation annulée',
  job_offer_withdrawn: 'Offre d’emploi retirée',
};

/** The French label of an entry; rows written by a later version keep a neutral one. */
export function historyLabel(type: string): string {
  return (LABELS_FR as Record<string, string | undefined>)[type] ?? 'Modification du profil professionnel';
}

export interface BusinessHistoryRecord {
  businessId: string;
  type: BusinessHistoryType;
  actorId: string | null;
  membershipId?: string | null;
  details?: BusinessHistoryEntry['details'];
}

/**
 * Appends to the business's history — the only way to write it, so every entry has a type with a
 * label; pass the transaction's manager so it commits with the change.
 */
export async function recordBusinessHistory(manager: EntityManager, entry: BusinessHistoryRecord): Promise<void> {
  await manager.insert(BusinessHistoryEntry, {
    businessId: entry.businessId,
    type: entry.type,
    actorId: entry.actorId,
    membershipId: entry.membershipId ?? null,
    details: entry.details ?? {},
  });
}
