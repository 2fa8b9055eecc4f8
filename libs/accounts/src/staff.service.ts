import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, RequestOrigin } from '@portal/audit';
import { AppConfig } from '@portal/config';
import { EmailService, staffWelcomeTemplate } from '@portal/notifications';
import { isUUID } from 'class-validator';
import { DomainError } from '@portal/common';
import { DataSource, In } from 'typeorm';
import { Account, UNUSABLE_PASSWORD } from './account.entity';
import { issueAccountToken } from './account-tokens';
import { insertAccount } from './new-account';
import { Actor } from './actor';
import { CreateStaffDto, STAFF_ROLES } from './dto/create-staff.dto';

const STAFF_INVITATION_TTL_SECONDS = 7 * 24 * 3600;

const STAFF_ACCOUNT_ROLES = [...STAFF_ROLES, 'admin'] as const;

const staffNotFound = (): DomainError => new DomainError('NOT_FOUND', "Ce compte du personnel n'existe pas.");

/** Admins list the staff, create agents and supervisors (each receives a link to choose a password) and deactivate them. */
@Injectable()
export class StaffService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly emails: EmailService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateStaffDto, origin: RequestOrigin): Promise<Account> {
    return this.dataSource.transaction(async (manager) => {
      const account = await insertAccount(manager, {
        email: dto.email,
        passwordHash: UNUSABLE_PASSWORD,
        firstName: dto.firstName,
        lastName: dto.lastName,
        role: dto.role,
        directorateCode: dto.directorateCode,
        status: 'active',
        emailVerifiedAt: new Date(),
      });
      const token = await issueAccountToken(manager, account.id, 'reset_password', STAFF_INVITATION_TTL_SECONDS);
      const url = `${this.config.PUBLIC_URL}/reinitialiser-mot-de-passe?token=${token}`;
      await this.emails.queue(manager, { address: account.email, accountId: account.id }, staffWelcomeTemplate(account.firstName, url));
      await this.audit.record(
        {
          action: 'account.role_changed',
          actorId: actor.accountId,
          target: { type: 'account', id: account.id },
          origin,
          details: { role: dto.role, directorateCode: dto.directorateCode },
        },
        manager,
      );
      return account;
    });
  }

  /** Every staff account (agents, supervisors, admins), by directorate then name; admins last. */
  async list(): Promise<Account[]> {
    return this.dataSource.manager
      .createQueryBuilder(Account, 'a')
      .leftJoinAndSelect('a.directorate', 'd')
      .where('a.role IN (:...roles)', { roles: STAFF_ACCOUNT_ROLES })
      .orderBy('a.directorateCode', 'ASC', 'NULLS LAST')
      .addOrderBy('a.lastName', 'ASC')
      .addOrderBy('a.firstName', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  /**
   * Deactivates an agent or supervisor: their sessions stop at once (a session counts only while its
   * account is active), they can no longer sign in, and their history stays attributed. Idempotent.
   * An admin account is not deactivated here (nor one's own), so the portal never loses its last admin.
   */
  async deactivate(actor: Actor, accountId: string, origin: RequestOrigin): Promise<Account> {
    return this.dataSource.transaction(async (manager) => {
      const account = isUUID(accountId) ? await manager.findOne(Account, { where: { id: accountId, role: In([...STAFF_ACCOUNT_ROLES]) }, relations: { directorate: true } }) : null;
      if (!account) throw staffNotFound();
      if (account.role === 'admin') throw new DomainError('FORBIDDEN', "Un compte administrateur ne se désactive pas depuis le portail.");
      if (account.status === 'disabled') return account;
      await manager.update(Account, { id: account.id }, { status: 'disabled' });
      await this.audit.record(
        { action: 'account.disabled', actorId: actor.accountId, target: { type: 'account', id: account.id }, origin, details: { role: account.role, directorateCode: account.directorateCode } },
        manager,
      );
      return { ...account, status: 'disabled' };
    });
  }
}
