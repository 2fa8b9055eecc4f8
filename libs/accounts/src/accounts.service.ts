import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, RequestOrigin } from '@portal/audit';
import { DomainError, normaliseEmail, normaliseNcPhone, validationFailed } from '@portal/common';
import { AppConfig } from '@portal/config';
import { COUNTER_STORE, CounterStore } from '@portal/infra';
import { accountAlreadyExistsTemplate, EmailService, verifyEmailTemplate } from '@portal/notifications';
import { DataSource, EntityManager } from 'typeorm';
import { Account } from './account.entity';
import { issueAccountToken, spendAccountToken } from './account-tokens';
import { Actor } from './actor';
import { RegisterDto } from './dto/register.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';

// An owner is told of sign-ups tried with their address this often at most (no mailbox flooding).
const TAKEN_NOTICES_PER_HOUR = 3;

@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly emails: EmailService,
    private readonly audit: AuditService,
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
  ) {}

  /**
   * Signs up, answering the same whether or not the address is taken (no account enumeration): a new
   * address gets a pending account and the verification email; a taken one creates nothing, and its
   * owner is told by email that someone tried (at most a few times an hour). Same transaction shape.
   */
  async register(dto: RegisterDto, passwordHash: string, origin: RequestOrigin): Promise<void> {
    const email = normaliseEmail(dto.email);
    await this.dataSource.transaction(async (manager) => {
      const values = { email, passwordHash, firstName: dto.firstName, lastName: dto.lastName, role: 'citizen' as const, status: 'pending_verification' as const };
      const inserted = await manager.createQueryBuilder().insert().into(Account).values(values).orIgnore().returning(['id']).execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (id) {
        await this.sendVerification(manager, manager.create(Account, { ...values, id }));
        await this.audit.record({ action: 'account.registered', actorId: id, target: { type: 'account', id }, origin }, manager);
        return;
      }
      const owner = await manager.findOneBy(Account, { email });
      if (!owner || owner.status === 'disabled') return;
      const { count } = await this.counters.hit(`register-taken:${email}`, 3600_000);
      if (count > TAKEN_NOTICES_PER_HOUR) return;
      await this.emails.queue(manager, { address: owner.email, accountId: owner.id }, accountAlreadyExistsTemplate(owner.firstName, `${this.config.PUBLIC_URL}/connexion`));
      await this.audit.record({ action: 'account.registration_on_taken_email', actorId: null, target: { type: 'account', id: owner.id }, origin }, manager);
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
