import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, RequestOrigin } from '@portal/audit';
import { AppConfig } from '@portal/config';
import { EmailService, staffWelcomeTemplate } from '@portal/notifications';
import { DataSource } from 'typeorm';
import { Account, UNUSABLE_PASSWORD } from './account.entity';
import { issueAccountToken } from './account-tokens';
import { insertAccount } from './new-account';
import { Actor } from './actor';
import { CreateStaffDto } from './dto/create-staff.dto';

const STAFF_INVITATION_TTL_SECONDS = 7 * 24 * 3600;

/** Admins create agents and supervisors; each receives a link to choose a password. */
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
}
