import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, RequestOrigin } from '@portal/audit';
import { DomainError, normaliseNcPhone, validationFailed } from '@portal/common';
import { AppConfig } from '@portal/config';
import { EmailService, verifyEmailTemplate } from '@portal/notifications';
import { DataSource, EntityManager } from 'typeorm';
import { Account } from './account.entity';
import { issueAccountToken, spendAccountToken } from './account-tokens';
import { Actor } from './actor';
import { RegisterDto } from './dto/register.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { insertAccount } from './new-account';

@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly emails: EmailService,
    private readonly audit: AuditService,
  ) {}

  /** Creates a citizen account pending verification and queues the verification email, in one transaction. */
  async register(dto: RegisterDto, passwordHash: string, origin: RequestOrigin): Promise<Account> {
    return this.dataSource.transaction(async (manager) => {
      const account = await insertAccount(manager, {
        email: dto.email,
        passwordHash,
        firstName: dto.firstName,
        lastName: dto.lastName,
        role: 'citizen',
        status: 'pending_verification',
      });
      await this.sendVerification(manager, account);
      await this.audit.record({ action: 'account.registered', actorId: account.id, target: { type: 'account', id: account.id }, origin }, manager);
      return account;
    });
  }

  /** Activates the account the emailed token belongs to; returns its id. */
  async verifyEmail(token: string, origin: RequestOrigin): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const accountId = await spendAccountToken(manager, token, 'verify_email');
      await manager.update(
        Account,
        { id: accountId, status: 'pending_verification' },
        { status: 'active', emailVerifiedAt: () => 'now()' },
      );
      await this.audit.record({ action: 'account.email_verified', actorId: accountId, target: { type: 'account', id: accountId }, origin }, manager);
      return accountId;
    });
  }

  async sendVerification(manager: EntityManager, account: Account): Promise<void> {
    const ttl = this.config.EMAIL_TOKEN_TTL_SECONDS;
    const token = await issueAccountToken(manager, account.id, 'verify_email', ttl);
    const url = `${this.config.PUBLIC_URL}/verifier-email?token=${token}`;
    await this.emails.queue(manager, { address: account.email, accountId: account.id }, verifyEmailTemplate(account.firstName, url, Math.round(ttl / 3600)));
  }

  async getProfile(actor: Actor): Promise<Account> {
    const account = await this.dataSource.manager.findOneBy(Account, { id: actor.accountId });
    if (!account) throw new DomainError('NOT_FOUND');
    return account;
  }

  async updateProfile(actor: Actor, dto: UpdateProfileDto, origin: RequestOrigin): Promise<Account> {
    const changes: Partial<Account> = { ...dto };
    if (typeof dto.phone === 'string') {
      const phone = normaliseNcPhone(dto.phone);
      if (!phone) {
        throw validationFailed([{ field: 'phone', code: 'INVALID_FORMAT', message: 'Le numéro doit comporter 6 chiffres après +687, par exemple +687 25.12.34.' }]);
      }
      changes.phone = phone;
    }
    return this.dataSource.transaction(async (manager) => {
      if (Object.keys(changes).length > 0) await manager.update(Account, { id: actor.accountId }, changes);
      await this.audit.record(
        { action: 'account.profile_updated', actorId: actor.accountId, target: { type: 'account', id: actor.accountId }, origin, details: { fields: Object.keys(changes) } },
        manager,
      );
      return manager.findOneByOrFail(Account, { id: actor.accountId });
    });
  }
}
