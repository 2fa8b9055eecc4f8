import { DomainError } from '@portal/common';
import type { EntityManager } from 'typeorm';
import { liveMandateSql, liveMembership, MANAGER_ROLES } from './business-access';
import { BusinessMembership } from './entities/business-membership.entity';
import { grantRefusal, isManagerRole, Mandate } from './membership-rules';

/**
 * The actor's live mandate for the business, read from the row on every call (never cached), so
 * a revoked or expired mandate loses access at once. Without one the business "does not exist"
 * (404): a 403 would reveal that it is on the portal.
 */
export async function requireLiveMember(manager: EntityManager, accountId: string, businessId: string): Promise<BusinessMembership> {
  const membership = await liveMembership(manager, accountId, businessId);
  if (!membership) throw new DomainError('BUSINESS_NOT_FOUND');
  return membership;
}

/** A live mandate with management rights. Plain members see the business, so they get a plain 403. */
export async function requireManager(manager: EntityManager, accountId: string, businessId: string): Promise<BusinessMembership> {
  const membership = await requireLiveMember(manager, accountId, businessId);
  if (!isManagerRole(membership.role)) throw new DomainError('FORBIDDEN', 'Réservé au représentant légal et aux administrateurs de l’entreprise.');
  return membership;
}

/**
 * Serialises changes to one business's members until the transaction ends, so two managers
 * demoting each other cannot both pass the last-manager check. NO KEY UPDATE: inserting a
 * membership (a foreign key to the business) is not blocked.
 */
export async function lockBusinessMembers(manager: EntityManager, businessId: string): Promise<void> {
  await manager.query('SELECT 1 FROM businesses WHERE id = $1 FOR NO KEY UPDATE', [businessId]);
}

/** A membership of this business (any status), locked for the transaction, with its account. */
export async function findMembershipForUpdate(manager: EntityManager, businessId: string, membershipId: string): Promise<BusinessMembership> {
  const membership = await manager
    .createQueryBuilder(BusinessMembership, 'm')
    .innerJoinAndSelect('m.account', 'a')
    .where('m.id = :membershipId AND m.business_id = :businessId', { membershipId, businessId })
    .setLock('pessimistic_write', undefined, ['m'])
    .getOne();
  if (!membership) throw new DomainError('MEMBERSHIP_NOT_FOUND');
  return membership;
}

/** Live managers of the business other than `exceptMembershipId`. */
export async function countOtherLiveManagers(manager: EntityManager, businessId: string, exceptMembershipId: string): Promise<number> {
  return manager
    .createQueryBuilder(BusinessMembership, 'm')
    .where('m.business_id = :businessId AND m.id <> :exceptMembershipId', { businessId, exceptMembershipId })
    .andWhere(liveMandateSql('m'))
    .andWhere('m.role IN (:...roles)', { roles: [...MANAGER_ROLES] })
    .getCount();
}

/** Refuses (403 GRANT_EXCEEDS_MANDATE, before anything is written) a grant beyond the actor's own mandate. */
export function assertGrantWithin(actor: Mandate, granted: Mandate, message?: string): void {
  const refusal = grantRefusal(actor, granted);
  if (refusal) throw new DomainError('GRANT_EXCEEDS_MANDATE', message ?? refusal);
}
