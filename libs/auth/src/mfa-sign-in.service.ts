import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account } from '@portal/accounts';
import { AuditService, RequestOrigin } from '@portal/audit';
import { DomainError } from '@portal/common';
import { DataSource } from 'typeorm';
import { DeviceCookie, LoginDevices } from './login-devices';
import { LoginAttempt, LoginLimiter } from './login-limiter.service';
import { MfaPendingTokens } from './mfa-pending-token.service';
import { assertOneProof, MfaEnrolment, MfaService, SecondFactorProof } from './mfa.service';
import { SessionsService, TokenPair } from './sessions.service';

export interface MfaSignInResult {
  tokens: TokenPair;
  device: DeviceCookie;
  /** After an enrolment: the recovery codes, shown once. */
  recoveryCodes?: string[];
}

/**
 * The second step of a sign-in, with the pending token the password step answered: enrol (first
 * staff sign-in) or give a code. Wrong codes count against the login limiter's allowances, as wrong
 * passwords do; the session opened is marked as having passed the second factor.
 */
@Injectable()
export class MfaSignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pending: MfaPendingTokens,
    private readonly mfa: MfaService,
    private readonly limiter: LoginLimiter,
    private readonly devices: LoginDevices,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  async startEnrolment(mfaToken: string): Promise<MfaEnrolment> {
    const account = await this.accountOf(mfaToken);
    return this.mfa.startEnrolment(account);
  }

  async confirmEnrolment(mfaToken: string, code: string, origin: RequestOrigin & { ip: string }, deviceCookie?: string): Promise<MfaSignInResult> {
    const account = await this.accountOf(mfaToken);
    const attempt = await this.allowed(account, origin, deviceCookie);
    const result = await this.dataSource.transaction(async (manager) => {
      const recoveryCodes = await this.mfa.confirmEnrolment(manager, account.id, code, origin);
      if (!recoveryCodes) return null;
      const tokens = await this.sessions.open(manager, account, origin, { mfaVerified: true });
      await this.audit.record({ action: 'auth.login_succeeded', actorId: account.id, target: { type: 'account', id: account.id }, origin, details: { secondFactor: 'totp_enrolment' } }, manager);
      return { tokens, recoveryCodes };
    });
    if (!result) return this.refuse(account, attempt, origin);
    await this.limiter.recordSuccess(attempt);
    return { ...result, device: this.devices.issue(account.id) };
  }

  async verify(mfaToken: string, proof: SecondFactorProof, origin: RequestOrigin & { ip: string }, deviceCookie?: string): Promise<MfaSignInResult> {
    assertOneProof(proof);
    const account = await this.accountOf(mfaToken);
    const attempt = await this.allowed(account, origin, deviceCookie);
    const tokens = await this.dataSource.transaction(async (manager) => {
      const how = await this.mfa.verify(manager, account.id, proof);
      if (!how) return null;
      if (how === 'recovery_code') {
        await this.audit.record({ action: 'auth.mfa_recovery_code_used', actorId: account.id, target: { type: 'account', id: account.id }, origin }, manager);
      }
      const pair = await this.sessions.open(manager, account, origin, { mfaVerified: true });
      await this.audit.record({ action: 'auth.login_succeeded', actorId: account.id, target: { type: 'account', id: account.id }, origin, details: { secondFactor: how } }, manager);
      return pair;
    });
    if (!tokens) return this.refuse(account, attempt, origin);
    await this.limiter.recordSuccess(attempt);
    return { tokens, device: this.devices.issue(account.id) };
  }

  private async accountOf(mfaToken: string): Promise<Account> {
    const accountId = this.pending.verify(mfaToken);
    const account = await this.dataSource.manager.findOneBy(Account, { id: accountId });
    if (!account || account.status !== 'active') throw new DomainError('INVALID_TOKEN');
    return account;
  }

  private async allowed(account: Account, origin: RequestOrigin & { ip: string }, deviceCookie?: string): Promise<LoginAttempt> {
    const attempt = { email: account.email, ip: origin.ip, deviceId: this.devices.deviceOf(deviceCookie, account.id) };
    await this.limiter.assertAllowed(attempt).catch(async (error: unknown) => {
      await this.audit.record({ action: 'auth.login_throttled', actorId: account.id, origin, details: { step: 'second_factor' } });
      throw error;
    });
    return attempt;
  }

  private async refuse(account: Account, attempt: LoginAttempt, origin: RequestOrigin): Promise<never> {
    await this.limiter.recordFailure(attempt);
    await this.audit.record({ action: 'auth.mfa_failed', actorId: account.id, target: { type: 'account', id: account.id }, origin });
    throw new DomainError('INVALID_MFA_CODE');
  }
}
