import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@portal/audit';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { adminWelcomeTemplate, EmailService } from '@portal/notifications';
import { DataSource, Not } from 'typeorm';
import { Account, UNUSABLE_PASSWORD } from './account.entity';
import { issueAccountToken } from './account-tokens';
import { insertAccount } from './new-account';

const ADMIN_INVITATION_TTL_SECONDS = 7 * 24 * 3600;
// Serialises two concurrent first-admin runs, so "refuse when an admin exists" holds.
const ADMIN_BOOTSTRAP_LOCK = 720_010;

export interface CreateAdminCommand {
  email: string;
  firstName: string;
  lastName: string;
  /** Create it even though an admin already exists (a second admin, a lost one). */
  force: boolean;
}

/**
 * The first admin of a new deployment (`npm run admin:create`): no one can sign in yet to create
 * staff, so an operator with database access does. Same token and email as staff creation.
 */
@Injectable()
export class AdminBootstrapService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly emails: EmailService,
    private readonly audit: AuditService,
  ) {}

  async create(command: CreateAdminCommand): Promise<Account> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_BOOTSTRAP_LOCK]);
      const admins = await manager.countBy(Account, { role: 'admin', status: Not('erased') });
      if (admins > 0 && !command.force) throw new DomainError('ADMIN_ALREADY_EXISTS');
      const account = await insertAccount(manager, {
        email: command.email,
        passwordHash: UNUSABLE_PASSWORD,
        firstName: command.firstName,
        lastName: command.lastName,
        role: 'admin',
        status: 'active',
        emailVerifiedAt: new Date(),
      });
      const token = await issueAccountToken(manager, account.id, 'reset_password', ADMIN_INVITATION_TTL_SECONDS);
      const url = `${this.config.PUBLIC_URL}/reinitialiser-mot-de-passe?token=${token}`;
      await this.emails.queue(manager, { address: account.email, accountId: account.id }, adminWelcomeTemplate(account.firstName, url));
      await this.audit.record(
        {
          action: 'account.admin_created',
          actorId: null,
          target: { type: 'account', id: account.id },
          origin: { userAgent: 'cli admin:create' },
          details: { via: 'admin:create', force: command.force, adminsBefore: admins },
        },
        manager,
      );
      return account;
    });
  }
}
