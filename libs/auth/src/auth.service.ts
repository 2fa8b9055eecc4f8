import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Account,
  AccountsService,
  Actor,
  normaliseEmail,
  RegisterDto,
  spendAccountToken,
} from '@portal/accounts';
import { AuditService, RequestOrigin } from '@portal/audit';
import { DomainError } from '@portal/common';
import { COUNTER_STORE, CounterStore } from '@portal/infra';
import { EmailService, passwordChangedTemplate } from '@portal/notifications';
import { OutboxService } from '@portal/queue';
import { DataSource } from 'typeorm';
import { LoginDto } from './dto/login.dto';
import { DeviceCookie, LoginDevices } from './login-devices';
import { LoginLimiter } from './login-limiter.service';
import { MfaPendingTokens } from './mfa-pending-token.service';
import { MfaService } from './mfa.service';
import { PasswordResetRequest } from './password-reset-request.entity';
import { PasswordService } from './password.service';
import { SessionsService, TokenPair } from './sessions.service';

const RESET_REQUESTS_PER_HOUR = 3;

export type LoginResult =
  | { tokens: TokenPair; device: DeviceCookie }
  /** The password was right; a second factor (or its enrolment) must follow, with this pending token. */
  | { challenge: { mfaToken: string; enrolmentRequired: boolean } };

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionsService,
    private readonly limiter: LoginLimiter,
    private readonly devices: LoginDevices,
    private readonly mfa: MfaService,
    private readonly pendingTokens: MfaPendingTokens,
    private readonly emails: EmailService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
  ) {}

  async register(dto: RegisterDto, origin: RequestOrigin): Promise<void> {
    this.passwords.assertAcceptable(dto.password, [dto.email, dto.firstName, dto.lastName]);
    await this.accounts.register(dto, await this.passwords.hash(dto.password), origin);
  }

  /**
   * Signs in; `deviceCookie` is the browser's device cookie, if any. A success returns a fresh one
   * for that account, so the next sign-ins from this browser count against its own allowance.
   */
  async login(dto: LoginDto, origin: RequestOrigin & { ip: string }, deviceCookie?: string): Promise<LoginResult> {
    const email = normaliseEmail(dto.email);
    const account = await this.dataSource.manager.findOne(Account, {
      where: { email },
      select: { id: true, email: true, status: true, passwordHash: true, firstName: true, role: true },
    });
    const attempt = { email, ip: origin.ip, deviceId: account ? this.devices.deviceOf(deviceCookie, account.id) : null };
    await this.limiter.assertAllowed(attempt).catch(async (error: unknown) => {
      await this.audit.record({ action: 'auth.login_throttled', origin, details: { reason: attempt.deviceId ? 'device_failures' : 'too_many_failures' } });
      throw error;
    });

    const valid = await this.passwords.verify(account?.passwordHash ?? null, dto.password);
    if (!account || !valid) {
      await this.limiter.recordFailure(attempt);
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

    await this.limiter.recordSuccess(attempt);
    const challenge = await this.mfa.challengeFor(account);
    if (challenge) {
      if (this.passwords.needsRehash(account.passwordHash)) {
        await this.dataSource.manager.update(Account, { id: account.id }, { passwordHash: await this.passwords.hash(dto.password) });
      }
      return { challenge: { mfaToken: this.pendingTokens.sign(account.id), enrolmentRequired: challenge === 'enrol' } };
    }
    const tokens = await this.dataSource.transaction(async (manager) => {
      if (this.passwords.needsRehash(account.passwordHash)) {
        await manager.update(Account, { id: account.id }, { passwordHash: await this.passwords.hash(dto.password) });
      }
      const pair = await this.sessions.open(manager, account, origin);
      await this.audit.record({ action: 'auth.login_succeeded', actorId: account.id, target: { type: 'account', id: account.id }, origin }, manager);
      return pair;
    });
    return { tokens, device: this.devices.issue(account.id) };
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

  /**
   * Always succeeds from the caller's point of view, and does the same work whatever the address: it
   * only records the request and its job (one transaction). The worker does the rest (PasswordResetMailer),
   * so neither the answer nor its timing says whether the address has an account.
   */
  async forgotPassword(rawEmail: string, origin: RequestOrigin): Promise<void> {
    const email = normaliseEmail(rawEmail);
    const { count } = await this.counters.hit(`password-reset:${email}`, 3600_000);
    if (count > RESET_REQUESTS_PER_HOUR) {
      this.logger.warn('password reset requests over the hourly limit; ignored');
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const request = manager.create(PasswordResetRequest, { email, ip: origin.ip ?? null, userAgent: origin.userAgent?.slice(0, 512) ?? null });
      await manager.insert(PasswordResetRequest, request);
      await this.outbox.enqueue(manager, 'auth.password-reset', { resetRequestId: request.id });
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
