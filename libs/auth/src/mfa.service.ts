import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, Actor } from '@portal/accounts';
import { AuditService, RequestOrigin } from '@portal/audit';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { toDataURL } from 'qrcode';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { AccountMfa } from './account-mfa.entity';
import { MfaCrypto } from './mfa-crypto';
import { MfaRecoveryCode } from './mfa-recovery-code.entity';
import { newTotpSecret, totpStepOf, totpUri } from './totp';
import { SessionsService } from './sessions.service';

export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export type MfaChallengeKind = 'verify' | 'enrol';

export interface MfaEnrolment {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

export interface SecondFactorProof {
  code?: string;
  recoveryCode?: string;
}

/** A code or a recovery code: exactly one of the two. */
export function assertOneProof(proof: SecondFactorProof): void {
  if (!proof.code === !proof.recoveryCode) {
    throw new DomainError('VALIDATION_FAILED', 'Donnez soit le code à 6 chiffres, soit un code de secours.', [
      { field: 'code', code: 'ONE_OF', message: 'Le code ou un code de secours, un seul des deux.' },
    ]);
  }
}

export const isStaffRole = (role: Account['role']): boolean => role !== 'citizen';

/** TOTP second factors: enrolment, verification (no replay), recovery codes, reset by an admin. */
/** An admin's target account that does not exist (or no longer does). */
export const accountNotFound = (): DomainError => new DomainError('NOT_FOUND', "Ce compte n'existe pas.");

@Injectable()
export class MfaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly crypto: MfaCrypto,
    private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  /** What a sign-in with the right password still needs: a code, an enrolment, or nothing. */
  async challengeFor(account: Pick<Account, 'id' | 'role'>): Promise<MfaChallengeKind | null> {
    if (await this.isEnabled(account.id)) return 'verify';
    return this.config.STAFF_MFA_REQUIRED && isStaffRole(account.role) ? 'enrol' : null;
  }

  async isEnabled(accountId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.exists(AccountMfa, { where: { accountId, confirmedAt: Not(IsNull()) } });
  }

  /** A new secret waiting for its first code (replacing any earlier unconfirmed one). */
  async startEnrolment(account: Pick<Account, 'id' | 'email'>): Promise<MfaEnrolment> {
    if (await this.isEnabled(account.id)) throw new DomainError('MFA_ALREADY_ENABLED');
    const secret = newTotpSecret();
    await this.dataSource.manager.upsert(
      AccountMfa,
      { accountId: account.id, secretEncrypted: this.crypto.encrypt(secret, account.id), confirmedAt: null, lastUsedStep: null },
      { conflictPaths: ['accountId'] },
    );
    const otpauthUrl = totpUri(account.email, secret);
    return { secret, otpauthUrl, qrCodeDataUrl: await toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2 }) };
  }

  /** The first code proves the app holds the secret: the factor is on; returns fresh recovery codes. */
  async confirmEnrolment(manager: EntityManager, accountId: string, code: string, origin: RequestOrigin): Promise<string[] | null> {
    const pending = await manager.findOneBy(AccountMfa, { accountId });
    if (pending?.confirmedAt) throw new DomainError('MFA_ALREADY_ENABLED');
    if (!pending) throw new DomainError('MFA_ENROLMENT_NOT_STARTED');
    const step = totpStepOf(this.crypto.decrypt(pending.secretEncrypted, accountId), code);
    if (step === null) return null;
    const updated = await manager
      .createQueryBuilder()
      .update(AccountMfa)
      .set({ confirmedAt: () => 'now()', lastUsedStep: String(step) })
      .where('account_id = :accountId AND confirmed_at IS NULL', { accountId })
      .execute();
    if (!updated.affected) throw new DomainError('MFA_ALREADY_ENABLED');
    const codes = await this.replaceRecoveryCodes(manager, accountId);
    await this.audit.record({ action: 'auth.mfa_enabled', actorId: accountId, target: { type: 'account', id: accountId }, origin }, manager);
    return codes;
  }

  /**
   * Checks a TOTP code (valid within ±1 step, and later than the last step used) or spends a recovery
   * code. Returns how it was proved, or null when refused.
   */
  async verify(manager: EntityManager, accountId: string, proof: SecondFactorProof): Promise<'totp' | 'recovery_code' | null> {
    const factor = await manager.findOneBy(AccountMfa, { accountId, confirmedAt: Not(IsNull()) });
    if (!factor) return null;
    if (proof.code) {
      const step = totpStepOf(this.crypto.decrypt(factor.secretEncrypted, accountId), proof.code);
      if (step === null) return null;
      const used = await manager
        .createQueryBuilder()
        .update(AccountMfa)
        .set({ lastUsedStep: String(step) })
        .where('account_id = :accountId AND (last_used_step IS NULL OR last_used_step < :step)', { accountId, step })
        .execute();
      return used.affected ? 'totp' : null;
    }
    if (proof.recoveryCode) {
      const spent = await manager.update(
        MfaRecoveryCode,
        { accountId, codeHash: this.crypto.hashRecoveryCode(proof.recoveryCode), usedAt: IsNull() },
        { usedAt: () => 'now()' },
      );
      return spent.affected ? 'recovery_code' : null;
    }
    return null;
  }

  /** A signed-in account turns its second factor on; the current session counts as having passed it. */
  async confirmForSession(actor: Actor, code: string, origin: RequestOrigin): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const codes = await this.confirmEnrolment(manager, actor.accountId, code, origin);
      if (!codes) throw new DomainError('INVALID_MFA_CODE');
      await this.sessions.markMfaVerified(actor.sessionId, manager);
      return codes;
    });
  }

  /** An admin removes a colleague's second factor (lost phone): they enrol again at their next sign-in. */
  async reset(actor: Actor, accountId: string, origin: RequestOrigin): Promise<void> {
    if (actor.accountId === accountId) throw new DomainError('FORBIDDEN', 'Un administrateur ne peut pas réinitialiser sa propre double authentification : demandez-le à un collègue.');
    await this.dataSource.transaction(async (manager) => {
      const account = await manager.findOneBy(Account, { id: accountId });
      if (!account || account.status === 'erased') throw accountNotFound();
      await manager.delete(MfaRecoveryCode, { accountId });
      const removed = await manager.delete(AccountMfa, { accountId });
      await this.sessions.revokeAll(accountId, 'mfa_reset', manager);
      await this.audit.record(
        { action: 'auth.mfa_reset', actorId: actor.accountId, target: { type: 'account', id: accountId }, origin, details: { hadSecondFactor: Boolean(removed.affected) } },
        manager,
      );
    });
  }

  private async replaceRecoveryCodes(manager: EntityManager, accountId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
    await manager.delete(MfaRecoveryCode, { accountId });
    await manager.insert(MfaRecoveryCode, codes.map((code) => ({ accountId, codeHash: this.crypto.hashRecoveryCode(code) })));
    return codes;
  }
}

/** `xxxxx-xxxxx` from an alphabet without look-alikes: about 49 bits of randomness. */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}
