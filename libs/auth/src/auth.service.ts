import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Account,
  AccountsService,
  Actor,
  issueAccountToken,
  normaliseEmail,
  RegisterDto,
  spendAccountToken,
} from '@portal/accounts';
import { AuditService, RequestOrigin } from '@portal/audit';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { COUNTER_STORE, CounterStore } from '@portal/infra';
import { EmailService, passwordChangedTemplate, passwordResetTemplate } from '@portal/notifications';
import { DataSource } from 'typeorm';
import { LoginDto } from './dto/login.dto';
import { LoginLimiter } from './login-limiter.service';
import { PasswordService } from './password.service';
import { SessionsService, TokenPair } from './sessions.service';

const RESET_REQUESTS_PER_HOUR = 3;

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionsService,
    private readonly limiter: LoginLimiter,
    private readonly emails: EmailService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
  ) {}

  async register(dto: RegisterDto, origin: RequestOrigin): Promise<Account> {
    this.passwords.assertAcceptable(dto.password);
    return this.accounts.register(dto, await this.passwords.hash(dto.password), origin);
  }

  async login(dto: LoginDto, origin: RequestOrigin & { ip: string }): Promise<TokenPair> {
    const email = normaliseEmail(dto.email);
    await this.limiter.assertAllowed(email, origin.ip).catch(async (error: unknown) => {
      await this.audit.record({ action: 'auth.login_throttled', origin, details: { reason: 'too_many_failures' } });
      throw error;
    });

    const account = await this.dataSource.manager.findOne(Account, {
      where: { email },
      select: { id: true, email: true, status: true, passwordHash: true, firstName: true },
    });
    const valid = await this.passwords.verify(account?.passwordHash ?? null, dto.password);
    if (!account || !valid) {
      await this.limiter.recordFailure(email, origin.ip);
      await this.audit.record({
        action: 'auth.login_failed',
        actorId: account?.id ?? null,
        target: account ? { type: 'account', id: account.id } : undefined,
        origin,
      });
      throw new DomainError('INVALID_CREDENTIALS');
    }
    // Told only to whoever knows the password, so these do not reveal which emails have accounts.
    if (account.status === 'pending_verification') throw new DomainError('EMAIL_NOT_VERIFIED');
    if (account.status === 'disabled') throw new DomainError('ACCOUNT_DISABLED');

    await this.limiter.recordSuccess(email);
    return this.dataSource.transaction(async (manager) => {
      if (this.passwords.needsRehash(account.passwordHash)) {
        await manager.update(Account, { id: account.id }, { passwordHash: await this.passwords.hash(dto.password) });
      }
      const pair = await this.sessions.open(manager, account, origin);
      await this.audit.record({ action: 'auth.login_succeeded', actorId: account.id, target: { type: 'account', id: account.id }, origin }, manager);
      return pair;
    });
  }

  /**
   * Verifies the email from its single-use link and signs the person in: the link proves the mailbox,
   * as a password reset link does, so they land in their account without typing the password again.
   */
  async verifyEmail(token: string, origin: RequestOrigin): Promise<TokenPair> {
    const accountId = await this.accounts.verifyEmail(token, origin);
    return this.dataSource.transaction(async (manager) => {
      const account = await manager.findOneByOrFail(Account, { id: accountId });
      if (account.status !== 'active') throw new DomainError('ACCOUNT_DISABLED');
      const pair = await this.sessions.open(manager, account, origin);
      await this.audit.record(
        { action: 'auth.login_succeeded', actorId: account.id, target: { type: 'account', id: account.id }, origin, details: { via: 'email_verification' } },
        manager,
      );
      return pair;
    });
  }

  refresh(refreshToken: string, origin: RequestOrigin): Promise<TokenPair> {
    return this.sessions.rotate(refreshToken, origin);
  }

  async logout(actor: Actor, origin: RequestOrigin): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.revoke(actor.sessionId, 'logout', manager);
      await this.audit.record({ action: 'auth.logout', actorId: actor.accountId, target: { type: 'session', id: actor.sessionId }, origin }, manager);
    });
  }

  /** Always succeeds from the caller's point of view: it reveals nothing about which emails exist. */
  async forgotPassword(rawEmail: string, origin: RequestOrigin): Promise<void> {
    const email = normaliseEmail(rawEmail);
    const { count } = await this.counters.hit(`password-reset:${email}`, 3600_000);
    if (count > RESET_REQUESTS_PER_HOUR) {
      this.logger.warn('password reset requests over the hourly limit; ignored');
      return;
    }
    const account = await this.dataSource.manager.findOneBy(Account, { email });
    if (!account || account.status === 'disabled') return;
    await this.dataSource.transaction(async (manager) => {
      const ttl = this.config.PASSWORD_RESET_TTL_SECONDS;
      const token = await issueAccountToken(manager, account.id, 'reset_password', ttl);
      const url = `${this.config.PUBLIC_URL}/reinitialiser-mot-de-passe?token=${token}`;
      await this.emails.queue(manager, { address: account.email, accountId: account.id }, passwordResetTemplate(account.firstName, url, Math.round(ttl / 60)));
      await this.audit.record({ action: 'auth.password_reset_requested', actorId: account.id, target: { type: 'account', id: account.id }, origin }, manager);
    });
  }

  /** Sets a new password from an emailed token and ends every session of the account. */
  async resetPassword(token: string, password: string, origin: RequestOrigin): Promise<void> {
    this.passwords.assertAcceptable(password);
    const passwordHash = await this.passwords.hash(password);
    await this.dataSource.transaction(async (manager) => {
      const accountId = await spendAccountToken(manager, token, 'reset_password');
      const account = await manager.findOneByOrFail(Account, { id: accountId });
      // The link reached the mailbox, which proves the address as well as a verification link would.
      await manager.update(Account, { id: accountId }, {
        passwordHash,
        ...(account.status === 'pending_verification' ? { status: 'active', emailVerifiedAt: new Date() } : {}),
      });
      await this.sessions.revokeAll(accountId, 'password_reset', manager);
      await this.emails.queue(manager, { address: account.email, accountId }, passwordChangedTemplate(account.firstName));
      await this.audit.record({ action: 'auth.password_changed', actorId: accountId, target: { type: 'account', id: accountId }, origin }, manager);
    });
  }
}
