import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, Actor } from '@portal/accounts';
import { AuditService, RequestOrigin } from '@portal/audit';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { DataSource } from 'typeorm';
import { AccountMfa } from './account-mfa.entity';
import { LoginLimiter } from './login-limiter.service';
import { MfaRecoveryCode } from './mfa-recovery-code.entity';
import { assertOneProof, isStaffRole, MfaService, SecondFactorProof } from './mfa.service';

export interface SecondFactorStatus {
  enabled: boolean;
  /** Staff, when STAFF_MFA_REQUIRED: it cannot be turned off. */
  required: boolean;
}

/**
 * A person's own second factor seen from their account page: whether it is on, and turning it off
 * with a current code (or a recovery code), which counts against the sign-in limits when wrong.
 * Turning it on is MfaService's enrolment.
 */
@Injectable()
export class MySecondFactorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mfa: MfaService,
    private readonly limiter: LoginLimiter,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async status(actor: Actor): Promise<SecondFactorStatus> {
    return { enabled: await this.mfa.isEnabled(actor.accountId), required: this.isRequired(actor) };
  }

  async disable(actor: Actor, proof: SecondFactorProof, origin: RequestOrigin & { ip: string }): Promise<void> {
    if (this.isRequired(actor)) throw new DomainError('MFA_REQUIRED_FOR_STAFF');
    assertOneProof(proof);
    const { email } = await this.dataSource.manager.findOneByOrFail(Account, { id: actor.accountId });
    const attempt = { email, ip: origin.ip, deviceId: null };
    await this.limiter.assertAllowed(attempt);
    const disabled = await this.dataSource.transaction(async (manager) => {
      if (!(await this.mfa.isEnabled(actor.accountId, manager))) throw new DomainError('MFA_NOT_ENABLED');
      if (!(await this.mfa.verify(manager, actor.accountId, proof))) return false;
      await manager.delete(MfaRecoveryCode, { accountId: actor.accountId });
      await manager.delete(AccountMfa, { accountId: actor.accountId });
      await this.audit.record({ action: 'auth.mfa_disabled', actorId: actor.accountId, target: { type: 'account', id: actor.accountId }, origin }, manager);
      return true;
    });
    if (!disabled) {
      await this.limiter.recordFailure(attempt);
      await this.audit.record({ action: 'auth.mfa_failed', actorId: actor.accountId, target: { type: 'account', id: actor.accountId }, origin });
      throw new DomainError('INVALID_MFA_CODE');
    }
  }

  private isRequired(actor: Actor): boolean {
    return this.config.STAFF_MFA_REQUIRED && isStaffRole(actor.role);
  }
}
