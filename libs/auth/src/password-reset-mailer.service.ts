import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, issueAccountToken } from '@portal/accounts';
import { AuditService } from '@portal/audit';
import { AppConfig } from '@portal/config';
import { EmailService, passwordResetTemplate } from '@portal/notifications';
import { DataSource } from 'typeorm';
import { PasswordResetRequest } from './password-reset-request.entity';

/**
 * Worker side of a "forgotten password" request (AuthService.forgotPassword): emails a reset link if
 * the address has an account. Idempotent: the request is deleted with its effects, in one transaction.
 * Kept out of AuthModule so the worker does not load the API's passport strategy.
 */
@Injectable()
export class PasswordResetMailer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emails: EmailService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async send(resetRequestId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(PasswordResetRequest, { where: { id: resetRequestId }, lock: { mode: 'pessimistic_write' } });
      if (!request) return;
      await manager.delete(PasswordResetRequest, { id: request.id });
      const account = await manager.findOneBy(Account, { email: request.email });
      if (!account || account.status === 'disabled') return;
      const ttl = this.config.PASSWORD_RESET_TTL_SECONDS;
      const token = await issueAccountToken(manager, account.id, 'reset_password', ttl);
      const url = `${this.config.PUBLIC_URL}/reinitialiser-mot-de-passe?token=${token}`;
      await this.emails.queue(manager, { address: account.email, accountId: account.id }, passwordResetTemplate(account.firstName, url, Math.round(ttl / 60)));
      const origin = { ip: request.ip, userAgent: request.userAgent };
      await this.audit.record({ action: 'auth.password_reset_requested', actorId: account.id, target: { type: 'account', id: account.id }, origin }, manager);
    });
  }
}
