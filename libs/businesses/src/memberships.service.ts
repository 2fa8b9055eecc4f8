import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, Actor } from '@portal/accounts';
import { AuditAction, AuditService, RequestOrigin } from '@portal/audit';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { businessMembershipApprovedTemplate, businessMembershipRefusedTemplate, EmailService } from '@portal/notifications';
import { DataSource, EntityManager, In } from 'typeorm';
import { isLive } from './business-access';
import { BusinessHistoryType, recordBusinessHistory } from './business-history';
import { ApproveMemberDto, RefuseMemberDto, UpdateMemberDto } from './dto/update-member.dto';
import { Business } from './entities/business.entity';
import { BusinessHistoryEntry } from './entities/business-history.entity';
import { BusinessMembership, MembershipRole } from './entities/business-membership.entity';
import { resolveMandateTerms } from './mandate-terms';
import {
  assertGrantWithin,
  countOtherLiveManagers,
  findMembershipForUpdate,
  lockBusinessMembers,
  requireLiveMember,
  requireManager,
} from './member-access';
import { isManagerRole, managementRefusal, mandateAfter, MandateChange, mandateDiff, ONLY_DAJI_MAKES_LEGAL_REPRESENTATIVES, removesManagement, ROLE_LABELS_FR } from './membership-rules';

export type MemberWithAccount = BusinessMembership & { account: Account };

const ROLE_ORDER: Record<MembershipRole, number> = { legal_representative: 0, admin: 1, member: 2 };

/**
 * A business's members, managed by its legal representatives and administrators. Every change
 * runs under a lock on the business, re-reads the manager's own mandate, and commits with its
 * audit entry and business history row.
 */
@Injectable()
export class MembershipsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly emails: EmailService,
    private readonly audit: AuditService,
  ) {}

  /** Live and pending mandates (and lapsed ones, to renew), managers first. For any live member. */
  async list(actor: Actor, businessId: string): Promise<MemberWithAccount[]> {
    const manager = this.dataSource.manager;
    await requireLiveMember(manager, actor.accountId, businessId);
    const members = (await manager.find(BusinessMembership, {
      where: { businessId, status: In(['pending', 'verified']) },
      relations: { account: true },
    })) as MemberWithAccount[];
    return members.sort(
      (a, b) =>
        ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
        a.account.lastName.localeCompare(b.account.lastName, 'fr') ||
        a.account.firstName.localeCompare(b.account.firstName, 'fr'),
    );
  }

  /** Changes a colleague's role, scope or end date. Nobody edits their own mandate. */
  async update(actor: Actor, businessId: string, membershipId: string, dto: UpdateMemberDto, origin: RequestOrigin): Promise<MemberWithAccount> {
    return this.dataSource.transaction(async (manager) => {
      const { me, target } = await this.lockForManagement(manager, actor, businessId, membershipId);
      if (target.accountId === actor.accountId) {
        throw new DomainError('FORBIDDEN', 'Vous ne pouvez pas modifier votre propre mandat : demandez-le à un autre gestionnaire.');
      }
      this.assertMayManage(me, target);
      if (target.status === 'pending') throw new DomainError('TRANSITION_NOT_ALLOWED', 'Approuvez ou refusez d’abord cette demande de rattachement.');
      if (target.status !== 'verified') throw new DomainError('TRANSITION_NOT_ALLOWED', 'Ce mandat a pris fin : il ne peut plus être modifié.');
      const diff = mandateDiff(target, await resolveMandateTerms(manager, dto, target));
      if (Object.keys(diff).length === 0) return target;
      // The whole resulting mandate, not just the changed term: extending the end date or raising
      // the role of an unrestricted colleague grants their whole scope anew.
      assertGrantWithin(me, mandateAfter(target, diff));
      if (removesManagement(target.role, diff) && isLive(target)) await this.assertAnotherManager(manager, businessId, target.id);
      await manager.update(BusinessMembership, { id: target.id }, diff);
      await this.record(manager, 'business.member_updated', 'member_updated', actor, target, origin, changeDetails(target, diff));
      return { ...target, ...diff };
    });
  }

  /** Ends a mandate at once. A manager revokes a colleague; any member may end their own. */
  async revoke(actor: Actor, businessId: string, membershipId: string, origin: RequestOrigin): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockBusinessMembers(manager, businessId);
      const me = await requireLiveMember(manager, actor.accountId, businessId);
      const target = await findMembershipForUpdate(manager, businessId, membershipId);
      if (target.accountId !== actor.accountId) this.assertMayManage(me, target);
      if (target.status === 'pending') throw new DomainError('TRANSITION_NOT_ALLOWED', 'Cette demande de rattachement n’est pas encore approuvée : refusez-la plutôt.');
      if (target.status !== 'verified') throw new DomainError('TRANSITION_NOT_ALLOWED', 'Ce mandat a déjà pris fin.');
      if (isManagerRole(target.role) && isLive(target)) await this.assertAnotherManager(manager, businessId, target.id);
      await manager.update(BusinessMembership, { id: target.id }, { status: 'revoked', endedAt: () => 'now()' });
      await this.record(manager, 'business.member_revoked', 'member_revoked', actor, target, origin, { role: target.role, self: target.accountId === actor.accountId });
    });
  }

  /**
   * The second verification path: a manager vouches for a colleague's pending link request. The
   * manager may narrow the terms asked for (scope, end date) on the way, and must when their own
   * mandate does not cover them: approving grants the mandate.
   */
  async approve(actor: Actor, businessId: string, membershipId: string, dto: ApproveMemberDto, origin: RequestOrigin): Promise<MemberWithAccount> {
    return this.dataSource.transaction(async (manager) => {
      const { me, target } = await this.lockPending(manager, actor, businessId, membershipId, 'approuvée');
      const terms = mandateDiff(target, await resolveMandateTerms(manager, dto, target));
      const granted = mandateAfter(target, terms);
      if (granted.expiresAt !== null && !isLive({ status: 'verified', expiresAt: granted.expiresAt })) {
        throw new DomainError('TRANSITION_NOT_ALLOWED', 'La date de fin demandée pour ce mandat est déjà passée : la personne doit refaire une demande.');
      }
      assertGrantWithin(me, granted);
      const verifiedAt = new Date();
      const changes = { ...terms, status: 'verified' as const, verifiedVia: 'business_admin' as const, verifiedBy: actor.accountId, verifiedAt };
      await manager.update(BusinessMembership, { id: target.id }, changes);
      await this.record(manager, 'business.member_approved', 'member_approved', actor, target, origin, { role: target.role, ...changeDetails(target, terms) });
      const business = await manager.findOneByOrFail(Business, { id: businessId });
      const url = `${this.config.PUBLIC_URL}/entreprises/${businessId}`;
      await this.emails.queue(
        manager,
        { address: target.account.email, accountId: target.accountId },
        businessMembershipApprovedTemplate(target.account.firstName, businessName(business), ROLE_LABELS_FR[target.role], url),
      );
      return { ...target, ...changes };
    });
  }

  async refuse(actor: Actor, businessId: string, membershipId: string, dto: RefuseMemberDto, origin: RequestOrigin): Promise<MemberWithAccount> {
    return this.dataSource.transaction(async (manager) => {
      const { target } = await this.lockPending(manager, actor, businessId, membershipId, 'refusée');
      const endedAt = new Date();
      await manager.update(BusinessMembership, { id: target.id }, { status: 'refused', endedAt });
      const reason = dto.reason?.trim() || null;
      await this.record(manager, 'business.member_refused', 'member_refused', actor, target, origin, { role: target.role }, { reason });
      const business = await manager.findOneByOrFail(Business, { id: businessId });
      await this.emails.queue(
        manager,
        { address: target.account.email, accountId: target.accountId },
        businessMembershipRefusedTemplate(target.account.firstName, businessName(business), reason),
      );
      return { ...target, status: 'refused' as const, endedAt };
    });
  }

  private async lockForManagement(manager: EntityManager, actor: Actor, businessId: string, membershipId: string) {
    await lockBusinessMembers(manager, businessId);
    const me = await requireManager(manager, actor.accountId, businessId);
    const target = await findMembershipForUpdate(manager, businessId, membershipId);
    return { me, target: target as MemberWithAccount };
  }

  /** A pending link request a manager may decide; a legal representative's is for DAJI alone. */
  private async lockPending(manager: EntityManager, actor: Actor, businessId: string, membershipId: string, verb: string) {
    const locked = await this.lockForManagement(manager, actor, businessId, membershipId);
    if (locked.target.status !== 'pending') {
      throw new DomainError('TRANSITION_NOT_ALLOWED', `Seule une demande de rattachement en attente peut être ${verb}.`);
    }
    if (locked.target.role === 'legal_representative') throw new DomainError('TRANSITION_NOT_ALLOWED', ONLY_DAJI_MAKES_LEGAL_REPRESENTATIVES);
    return locked;
  }

  private assertMayManage(me: BusinessMembership, target: BusinessMembership): void {
    const refusal = managementRefusal(me.role, target.role);
    if (refusal) throw new DomainError('FORBIDDEN', refusal);
  }

  private async assertAnotherManager(manager: EntityManager, businessId: string, membershipId: string): Promise<void> {
    if ((await countOtherLiveManagers(manager, businessId, membershipId)) === 0) throw new DomainError('LAST_MANAGER');
  }

  /** The audit entry (ids only) and the business history row (readable details), in the same transaction. */
  private async record(
    manager: EntityManager,
    action: AuditAction,
    type: BusinessHistoryType,
    actor: Actor,
    target: BusinessMembership,
    origin: RequestOrigin,
    details: BusinessHistoryEntry['details'],
    historyOnly: BusinessHistoryEntry['details'] = {},
  ): Promise<void> {
    await this.audit.record(
      { action, actorId: actor.accountId, target: { type: 'business_membership', id: target.id }, origin, details: { businessId: target.businessId, ...details } },
      manager,
    );
    await recordBusinessHistory(manager, {
      businessId: target.businessId,
      type,
      actorId: actor.accountId,
      membershipId: target.id,
      details: { accountId: target.accountId, ...details, ...historyOnly },
    });
  }
}

export const businessName = (b: Business): string => b.legalName ?? `l’entreprise RIDET ${b.ridet}`;

/** Each changed term with its previous value, e.g. `{ role: 'member', previousRole: 'admin' }`. */
function changeDetails(before: BusinessMembership, diff: MandateChange): BusinessHistoryEntry['details'] {
  const details: BusinessHistoryEntry['details'] = {};
  if (diff.role !== undefined) Object.assign(details, { role: diff.role, previousRole: before.role });
  if (diff.scopeDirectorates !== undefined) {
    Object.assign(details, { scopeDirectorates: diff.scopeDirectorates, previousScopeDirectorates: before.scopeDirectorates });
  }
  if (diff.scopeServices !== undefined) Object.assign(details, { scopeServices: diff.scopeServices, previousScopeServices: before.scopeServices });
  if (diff.expiresAt !== undefined) {
    Object.assign(details, { expiresAt: diff.expiresAt?.toISOString() ?? null, previousExpiresAt: before.expiresAt?.toISOString() ?? null });
  }
  return details;
}
