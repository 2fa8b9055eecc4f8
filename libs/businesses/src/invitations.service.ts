import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, Actor, normaliseEmail } from '@portal/accounts';
import { AuditService, RequestOrigin } from '@portal/audit';
import { formatNoumeaDate } from '@portal/catalogue';
import { DomainError, hashSecretToken, newSecretToken, PG_UNIQUE_VIOLATION, pgErrorCode } from '@portal/common';
import { AppConfig } from '@portal/config';
import { businessInvitationTemplate, EmailService } from '@portal/notifications';
import { DataSource, EntityManager, In } from 'typeorm';
import { isLive, liveMembership } from './business-access';
import { recordBusinessHistory } from './business-history';
import { CreateInvitationDto } from './dto/invitation.dto';
import { Business } from './entities/business.entity';
import { BusinessInvitation } from './entities/business-invitation.entity';
import { BusinessMembership } from './entities/business-membership.entity';
import { resolveMandateTerms } from './mandate-terms';
import { assertGrantWithin, lockBusinessMembers, requireManager } from './member-access';
import { isManagerRole, ROLE_LABELS_FR } from './membership-rules';
import { businessName } from './memberships.service';

export const INVITATION_VALID_DAYS = 7;

/** A manager invites a colleague by email; the colleague accepts with the link, signed in with that address. */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly emails: EmailService,
    private readonly audit: AuditService,
  ) {}

  async invite(
    actor: Actor,
    businessId: string,
    dto: CreateInvitationDto,
    origin: RequestOrigin,
  ): Promise<{ invitation: BusinessInvitation; membershipExpiresAt: Date | null }> {
    return this.dataSource.transaction(async (manager) => {
      const me = await requireManager(manager, actor.accountId, businessId);
      const terms = await resolveMandateTerms(manager, dto, null);
      assertGrantWithin(me, { role: dto.role, scopeDirectorates: terms.scopeDirectorates ?? null, scopeServices: terms.scopeServices ?? null, expiresAt: terms.expiresAt ?? null });
      const email = normaliseEmail(dto.email);
      const invitee = await manager.findOneBy(Account, { email });
      if (invitee) await this.assertNotMember(manager, businessId, invitee.id, 'invitee');

      const { token, hash } = newSecretToken();
      const invitation = manager.create(BusinessInvitation, {
        businessId,
        email,
        role: dto.role as BusinessInvitation['role'],
        scopeDirectorates: terms.scopeDirectorates ?? null,
        scopeServices: terms.scopeServices ?? null,
        tokenHash: hash,
        invitedBy: actor.accountId,
        expiresAt: new Date(Date.now() + INVITATION_VALID_DAYS * 24 * 3600 * 1000),
        membershipExpiresAt: terms.expiresAt ?? null,
      });
      await manager.insert(BusinessInvitation, invitation);
      const membershipExpiresAt = terms.expiresAt ?? null;
      await recordBusinessHistory(manager, {
        businessId,
        type: 'member_invited',
        actorId: actor.accountId,
        details: {
          invitationId: invitation.id,
          email,
          role: invitation.role,
          scopeDirectorates: invitation.scopeDirectorates,
          scopeServices: invitation.scopeServices,
          membershipExpiresAt: membershipExpiresAt?.toISOString() ?? null,
        },
      });
      await this.audit.record(
        { action: 'business.invitation_sent', actorId: actor.accountId, target: { type: 'business_invitation', id: invitation.id }, origin, details: { businessId, role: invitation.role } },
        manager,
      );

      const business = await manager.findOneByOrFail(Business, { id: businessId });
      const inviter = await manager.findOneByOrFail(Account, { id: actor.accountId });
      const rendered = businessInvitationTemplate(
        invitee?.firstName ?? null,
        {
          inviterName: `${inviter.firstName} ${inviter.lastName}`,
          businessName: businessName(business),
          roleLabel: ROLE_LABELS_FR[invitation.role],
          mandateEnd: membershipExpiresAt ? formatNoumeaDate(membershipExpiresAt) : null,
          validDays: INVITATION_VALID_DAYS,
        },
        `${this.config.PUBLIC_URL}/invitations?token=${token}`,
      );
      await this.emails.queue(manager, { address: email, accountId: invitee?.id }, rendered);
      return { invitation, membershipExpiresAt };
    });
  }

  /** The invitations still waiting for an answer (neither accepted nor expired), newest first: managers only. */
  async pending(actor: Actor, businessId: string): Promise<BusinessInvitation[]> {
    await requireManager(this.dataSource.manager, actor.accountId, businessId);
    return this.pendingQuery(this.dataSource.manager, businessId).orderBy('i.created_at', 'DESC').getMany();
  }

  /** A manager withdraws an invitation not yet answered: its link stops working at once. */
  async cancel(actor: Actor, businessId: string, invitationId: string, origin: RequestOrigin): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await requireManager(manager, actor.accountId, businessId);
      const invitation = await this.pendingQuery(manager, businessId).andWhere('i.id = :invitationId', { invitationId }).setLock('pessimistic_write').getOne();
      if (!invitation) throw new DomainError('INVITATION_NOT_FOUND');
      await manager.delete(BusinessInvitation, { id: invitation.id });
      await recordBusinessHistory(manager, { businessId, type: 'invitation_cancelled', actorId: actor.accountId, details: { invitationId: invitation.id, email: invitation.email, role: invitation.role } });
      await this.audit.record(
        { action: 'business.invitation_cancelled', actorId: actor.accountId, target: { type: 'business_invitation', id: invitation.id }, origin, details: { businessId } },
        manager,
      );
    });
  }

  private pendingQuery(manager: EntityManager, businessId: string) {
    return manager.createQueryBuilder(BusinessInvitation, 'i').where('i.business_id = :businessId AND i.accepted_at IS NULL AND i.expires_at > now()', { businessId });
  }

  /**
   * Spends the invitation and creates a verified mandate with its terms. The token is spent only
   * on success: a wrong account leaves it usable by the person it was sent to.
   */
  async accept(actor: Actor, token: string, origin: RequestOrigin): Promise<BusinessMembership & { business: Business }> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const invitation = await manager
          .createQueryBuilder(BusinessInvitation, 'i')
          .where('i.token_hash = :hash AND i.accepted_at IS NULL AND i.expires_at > now()', { hash: hashSecretToken(token) })
          .setLock('pessimistic_write')
          .getOne();
        if (!invitation) {
          throw new DomainError('INVALID_TOKEN', 'Cette invitation n’est plus valable : elle a déjà servi ou a expiré. Demandez-en une nouvelle.');
        }
        const account = await manager.findOneByOrFail(Account, { id: actor.accountId });
        if (normaliseEmail(account.email) !== normaliseEmail(invitation.email)) {
          throw new DomainError('FORBIDDEN', 'Cette invitation a été envoyée à une autre adresse électronique que celle de votre compte.');
        }
        await lockBusinessMembers(manager, invitation.businessId);
        const inviter = await liveMembership(manager, invitation.invitedBy, invitation.businessId);
        if (!inviter || !isManagerRole(inviter.role)) {
          throw new DomainError('INVALID_TOKEN', 'Cette invitation n’est plus valable : la personne qui l’a envoyée ne gère plus cette entreprise.');
        }
        // The sender's mandate may have been narrowed since: it must still cover what the invitation grants.
        assertGrantWithin(
          inviter,
          { role: invitation.role, scopeDirectorates: invitation.scopeDirectorates, scopeServices: invitation.scopeServices, expiresAt: invitation.membershipExpiresAt },
          'Cette invitation dépasse désormais le mandat de la personne qui l’a envoyée : demandez-lui une nouvelle invitation.',
        );
        const lapsed = await this.assertNotMember(manager, invitation.businessId, account.id, 'self');
        const expiresAt = invitation.membershipExpiresAt;
        if (expiresAt !== null && expiresAt.getTime() <= Date.now()) {
          throw new DomainError('TRANSITION_NOT_ALLOWED', 'Le mandat proposé par cette invitation a déjà pris fin. Demandez une nouvelle invitation.');
        }
        // A lapsed mandate still holds the "one live mandate per person" slot: it ends for good when its successor starts.
        if (lapsed) await manager.update(BusinessMembership, { id: lapsed.id }, { status: 'revoked', endedAt: lapsed.expiresAt });

        await manager.update(BusinessInvitation, { id: invitation.id }, { acceptedAt: () => 'now()' });
        const membership = manager.create(BusinessMembership, {
          businessId: invitation.businessId,
          accountId: account.id,
          role: invitation.role,
          status: 'verified',
          scopeDirectorates: invitation.scopeDirectorates,
          scopeServices: invitation.scopeServices,
          expiresAt,
          verifiedVia: 'invitation',
          verifiedBy: invitation.invitedBy,
          verifiedAt: new Date(),
        });
        await manager.insert(BusinessMembership, membership);
        await recordBusinessHistory(manager, {
          businessId: invitation.businessId,
          type: 'member_joined',
          actorId: account.id,
          membershipId: membership.id,
          details: { invitationId: invitation.id, accountId: account.id, role: membership.role, invitedBy: invitation.invitedBy, replacedMembershipId: lapsed?.id ?? null },
        });
        await this.audit.record(
          {
            action: 'business.invitation_accepted',
            actorId: account.id,
            target: { type: 'business_membership', id: membership.id },
            origin,
            details: { businessId: invitation.businessId, invitationId: invitation.id, role: membership.role },
          },
          manager,
        );
        return manager.findOneOrFail(BusinessMembership, { where: { id: membership.id }, relations: { business: true } }) as Promise<
          BusinessMembership & { business: Business }
        >;
      });
    } catch (error) {
      // Two acceptances racing for one person: the unique index on live mandates decides.
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw new DomainError('ALREADY_MEMBER', 'Vous êtes déjà membre de cette entreprise.');
      throw error;
    }
  }

  /** Refuses a live or pending mandate of the account; returns a lapsed (expired) one, which may be replaced. */
  private async assertNotMember(manager: EntityManager, businessId: string, accountId: string, who: 'invitee' | 'self'): Promise<BusinessMembership | null> {
    const current = await manager.findOneBy(BusinessMembership, { businessId, accountId, status: In(['pending', 'verified']) });
    if (!current) return null;
    if (current.status === 'pending') {
      throw new DomainError(
        'ALREADY_MEMBER',
        who === 'self'
          ? 'Votre demande de rattachement à cette entreprise est déjà en cours d’examen.'
          : 'Cette personne a déjà demandé son rattachement : approuvez sa demande depuis la liste des membres.',
      );
    }
    if (isLive(current)) throw new DomainError('ALREADY_MEMBER', who === 'self' ? 'Vous êtes déjà membre de cette entreprise.' : undefined);
    return current;
  }
}
