import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, AccountToken, Actor, isStaff, UNUSABLE_PASSWORD } from '@portal/accounts';
import { AuditService, RequestOrigin } from '@portal/audit';
import { AccountMfa, LinkedIdentity, LoginLimiter, MfaRecoveryCode, PasswordResetRequest, PasswordService, Session } from '@portal/auth';
import { BusinessInvitation, recordBusinessHistory } from '@portal/businesses';
import { DomainError } from '@portal/common';
import { EmailMessage, Notification } from '@portal/notifications';
import { DOCUMENT_STORAGE, DocumentStorage, IdempotencyKey, removeStoredDocuments, Request, RequestDocument } from '@portal/requests';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ErasureResponseDto } from './dto/erasure.dto';

interface Pseudonym {
  /** Non-routable (RFC 2606 `.invalid`), unique, so the unique index holds and the address is free again. */
  email: string;
  /** Stands for the person wherever a name was shown: agents' worklists, business members and history. */
  firstName: string;
  lastName: string;
}

/**
 * The right to erasure, for a resident. What no legal duty requires is deleted or blanked: profile,
 * password, sessions and refresh tokens, emailed tokens, notifications, emails, pending invitations,
 * drafts never submitted (with their documents); business mandates end. What the province must keep
 * — files submitted, their documents, timelines, messages, decisions, and the audit log — stays,
 * with the applicant pseudonymised. Staff cannot erase themselves: their acts must stay attributed.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly limiter: LoginLimiter,
    private readonly audit: AuditService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async erase(actor: Actor, password: string, origin: RequestOrigin): Promise<ErasureResponseDto> {
    if (isStaff(actor)) throw new DomainError('ERASURE_NOT_ALLOWED');
    const stored = await this.dataSource.manager.findOneOrFail(Account, { where: { id: actor.accountId }, select: { id: true, email: true, passwordHash: true } });
    // Guesses here count with failed logins (a stolen session must not become a password oracle).
    const ip = origin.ip ?? 'unknown';
    const attempt = { email: stored.email, ip, deviceId: null };
    await this.limiter.assertAllowed(attempt);
    if (!(await this.passwords.verify(stored.passwordHash, password))) {
      await this.limiter.recordFailure(attempt);
      throw new DomainError('WRONG_PASSWORD');
    }

    const id = randomUUID();
    const pseudonym: Pseudonym = { email: `efface-${id}@invalid`, firstName: 'Usager', lastName: `effacé ${id.slice(0, 8)}` };
    const { result, storageKeys } = await this.dataSource.transaction(async (manager) => {
      // A second erasure in flight waits here, then finds no active account.
      const account = await manager.findOne(Account, { where: { id: actor.accountId, status: 'active' }, lock: { mode: 'pessimistic_write' } });
      if (!account) throw new DomainError('SESSION_REVOKED');
      const drafts = await this.deleteDrafts(manager, account.id);
      const filesKept = await this.pseudonymiseFiles(manager, account.id, `${pseudonym.firstName} ${pseudonym.lastName}`);
      const mandatesEnded = await this.endMandates(manager, account, pseudonym);
      await this.deletePersonalTraces(manager, account);
      await manager.update(Account, { id: account.id }, {
        email: pseudonym.email,
        passwordHash: UNUSABLE_PASSWORD,
        status: 'erased',
        firstName: pseudonym.firstName,
        lastName: pseudonym.lastName,
        civility: null,
        birthDate: null,
        phone: null,
        addressLine1: null,
        addressLine2: null,
        postcode: null,
        commune: null,
        emailVerifiedAt: null,
      });
      const counts = { draftsDeleted: drafts.count, filesKept, mandatesEnded };
      await this.audit.record({ action: 'account.erased', actorId: account.id, target: { type: 'account', id: account.id }, origin, details: counts }, manager);
      return { result: { erasedAt: new Date().toISOString(), ...counts }, storageKeys: drafts.storageKeys };
    });
    // Bytes go once the rows are gone for good.
    await removeStoredDocuments(this.storage, storageKeys, this.logger);
    return result;
  }

  /** Drafts filed as a person and never submitted: nothing obliges the province to keep them. */
  private async deleteDrafts(manager: EntityManager, accountId: string): Promise<{ count: number; storageKeys: string[] }> {
    const drafts = { applicantAccountId: accountId, businessId: IsNull(), status: 'draft' as const };
    const documents = await manager.find(RequestDocument, { where: { request: drafts }, select: { id: true, storageKey: true } });
    const deleted = await manager.delete(Request, drafts); // documents, events, messages cascade
    return { count: deleted.affected ?? 0, storageKeys: documents.map((d) => d.storageKey) };
  }

  /** Kept files (a business's drafts included: they are the business's) no longer name the person. */
  private async pseudonymiseFiles(manager: EntityManager, accountId: string, name: string): Promise<number> {
    const [, count] = (await manager.query(
      `UPDATE requests r
          SET applicant_name = CASE WHEN r.business_id IS NULL THEN $2
                ELSE (SELECT coalesce(b.legal_name, 'RIDET ' || b.ridet) FROM businesses b WHERE b.id = r.business_id) || ' (' || $2 || ')' END
        WHERE r.applicant_account_id = $1`,
      [accountId, name],
    )) as [unknown, number];
    return count;
  }

  /** Live mandates end (the business's history says why); invitations to the person go or lose the address. */
  private async endMandates(manager: EntityManager, account: Account, pseudonym: Pseudonym): Promise<number> {
    const [ended] = (await manager.query(
      `UPDATE business_memberships SET status = CASE status WHEN 'pending' THEN 'refused' ELSE 'revoked' END, ended_at = now(), updated_at = now()
        WHERE account_id = $1 AND status IN ('pending', 'verified') RETURNING id, business_id`,
      [account.id],
    )) as [Array<{ id: string; business_id: string }>, number];
    for (const membership of ended) {
      await recordBusinessHistory(manager, { businessId: membership.business_id, type: 'member_revoked', actorId: account.id, membershipId: membership.id, details: { reason: 'account_erased' } });
    }
    await manager.delete(BusinessInvitation, { email: account.email, acceptedAt: IsNull() });
    await manager.update(BusinessInvitation, { email: account.email }, { email: pseudonym.email });
    await manager.query(
      `UPDATE business_history SET details = jsonb_set(details, '{email}', to_jsonb($2::text)) WHERE type = 'member_invited' AND details->>'email' = $1`,
      [account.email, pseudonym.email],
    );
    return ended.length;
  }

  private async deletePersonalTraces(manager: EntityManager, account: Account): Promise<void> {
    // Deleting the sessions (their refresh tokens cascade) ends every token at once: the JWT guard
    // checks the session on each request. Their IP addresses and user agents go with them.
    await manager.delete(Session, { accountId: account.id });
    await manager.delete(AccountToken, { accountId: account.id });
    await manager.delete(Notification, { accountId: account.id });
    await manager.delete(EmailMessage, { accountId: account.id });
    await manager.delete(EmailMessage, { toAddress: account.email });
    await manager.delete(IdempotencyKey, { accountId: account.id });
    // A "forgotten password" request not yet handled by the worker holds the address.
    await manager.delete(PasswordResetRequest, { email: account.email });
    // The second factor of an account nobody can sign in to any more.
    await manager.delete(MfaRecoveryCode, { accountId: account.id });
    await manager.delete(AccountMfa, { accountId: account.id });
    // Its identities at providers: signing in with them must not find the erased account (nor link to it).
    await manager.delete(LinkedIdentity, { accountId: account.id });
  }
}
