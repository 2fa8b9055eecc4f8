import type { EntityManager } from 'typeorm';
import { BusinessMembership } from './entities/business-membership.entity';

/**
 * The SQL condition "the mandate row `alias` is live": verified and not past its end date. The one
 * spelling of the rule in SQL; `isLive` is the same rule on a loaded row.
 */
export function liveMandateSql(alias: string): string {
  return `(${alias}.status = 'verified' AND (${alias}.expires_at IS NULL OR ${alias}.expires_at > now()))`;
}

/** Whether the mandate is verified and not past its end date (`liveMandateSql` on a loaded row). */
export function isLive(membership: Pick<BusinessMembership, 'status' | 'expiresAt'>, now = new Date()): boolean {
  return membership.status === 'verified' && (membership.expiresAt === null || membership.expiresAt.getTime() > now.getTime());
}

/**
 * The SQL condition "the account (default: parameter :accountId) holds a live mandate of the
 * business in `businessColumn` covering that file's directorate and service". Used inside queries,
 * so access is decided by the database at read time: a revoked or expired mandate loses access at once.
 */
export function liveMandateCovering(businessColumn: string, directorateColumn: string, serviceColumn: string, account = ':accountId'): string {
  return `EXISTS (
    SELECT 1 FROM business_memberships m
     WHERE m.business_id = ${businessColumn}
       AND m.account_id = ${account}
       AND ${liveMandateSql('m')}
       AND (m.scope_directorates IS NULL OR ${directorateColumn} = ANY(m.scope_directorates))
       AND (m.scope_services IS NULL OR ${serviceColumn} = ANY(m.scope_services)))`;
}

/** The live (verified, unexpired) mandate of an account for a business, or null. */
export async function liveMembership(manager: EntityManager, accountId: string, businessId: string): Promise<BusinessMembership | null> {
  const membership = await manager
    .createQueryBuilder(BusinessMembership, 'm')
    .where('m.account_id = :accountId AND m.business_id = :businessId', { accountId, businessId })
    .andWhere(liveMandateSql('m'))
    .getOne();
  return membership;
}

/** Whether a mandate's scope covers a service of a directorate. */
export function scopeCovers(membership: Pick<BusinessMembership, 'scopeDirectorates' | 'scopeServices'>, directorateCode: string, serviceCode: string): boolean {
  return (
    (membership.scopeDirectorates === null || membership.scopeDirectorates.includes(directorateCode)) &&
    (membership.scopeServices === null || membership.scopeServices.includes(serviceCode))
  );
}

export const MANAGER_ROLES = ['legal_representative', 'admin'] as const;
