import { Injectable, OnModuleInit } from '@nestjs/common';
import type { JsonObject } from '@portal/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { AuditChainCheck, AuditChainOptions, verifyAuditChain } from './audit-chain';
import { AuditEntry } from './audit-entry.entity';

export const AUDIT_ACTIONS = [
  'account.registered',
  'account.registration_on_taken_email',
  'account.email_verified',
  'account.profile_updated',
  'account.role_changed',
  'account.admin_created',
  'account.erased',
  'account.disabled',
  'auth.login_succeeded',
  'auth.login_failed',
  'auth.login_throttled',
  'auth.logout',
  'auth.refresh_reuse_detected',
  'auth.password_reset_requested',
  'auth.password_changed',
  'auth.mfa_enabled',
  'auth.mfa_succeeded',
  'auth.mfa_failed',
  'auth.mfa_recovery_code_used',
  'auth.mfa_reset',
  'auth.mfa_disabled',
  'auth.identity_linked',
  'auth.identity_unlinked',
  'auth.session_revoked',
  'auth.other_sessions_revoked',
  'catalogue.service_published',
  'request.created',
  'request.updated',
  'request.transition',
  'request.assigned',
  'request.message_posted',
  'request.note_added',
  'request.document_added',
  'request.document_deleted',
  'request.document_issued',
  'request.worklist_exported',
  'job.dead_letter_replayed',
  'webhook.created',
  'webhook.disabled',
  'webhook.redelivered',
  'business.link_requested',
  'business.link_decided',
  'business.job_offer_withdrawn',
  'business.member_approved',
  'business.member_refused',
  'business.member_updated',
  'business.member_revoked',
  'business.invitation_sent',
  'business.invitation_cancelled',
  'business.invitation_accepted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Where an action came from: set by the API from the HTTP request. */
export interface RequestOrigin {
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditRecord {
  action: AuditAction;
  actorId?: string | null;
  target?: { type: string; id: string };
  origin?: RequestOrigin;
  details?: JsonObject;
}

type AuditRow = Omit<AuditEntry, 'id' | 'occurredAt' | 'prevHash' | 'hash'>;
/** Entries recorded inside a transaction, with the (savepoint) depth they were recorded at. */
type WithPendingAudit = { audit?: Array<{ depth: number; row: AuditRow }> };

// TypeORM keeps it protected; 1 is the outermost transaction, more are savepoints.
const depthOf = (runner: QueryRunner): number => (runner as unknown as { transactionDepth: number }).transactionDepth;

/**
 * Appends to the audit log. Inside a transaction the entries are written just before COMMIT (a
 * TypeORM transaction subscriber), in one statement: appending takes the hash chain's lock, held
 * until commit, so it is then held for the commit only, and never before another lock of the
 * transaction (no deadlock through it). They commit with the change they describe, or not at all.
 */
@Injectable()
export class AuditService implements OnModuleInit, EntitySubscriberInterface {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  /** Records an entry; pass the transaction's manager so the entry commits with the change it describes. */
  async record(entry: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const row: AuditRow = {
      action: entry.action,
      actorId: entry.actorId ?? null,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      ip: entry.origin?.ip ?? null,
      userAgent: entry.origin?.userAgent?.slice(0, 512) ?? null,
      details: entry.details ?? {},
    };
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      ((runner.data as WithPendingAudit).audit ??= []).push({ depth: depthOf(runner), row });
      return;
    }
    await this.append(manager, [row]);
  }

  async beforeTransactionCommit({ queryRunner }: TransactionCommitEvent): Promise<void> {
    if (depthOf(queryRunner) > 1) return; // a savepoint: the outer transaction writes them
    const data = queryRunner.data as WithPendingAudit;
    const rows = data.audit ?? [];
    data.audit = [];
    if (rows.length > 0) await this.append(queryRunner.manager, rows.map((r) => r.row));
  }

  beforeTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    const data = queryRunner.data as WithPendingAudit;
    data.audit = data.audit?.filter((r) => r.depth < depthOf(queryRunner));
  }

  /**
   * Checks the hash chain on one consistent snapshot (what `npm run audit:verify` does), for admins
   * in the portal. The anchor is a head recorded earlier (kept outside the database).
   */
  async verifyChain(options: AuditChainOptions = {}): Promise<AuditChainCheck> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        return await verifyAuditChain((sql, params) => runner.query(sql, params) as Promise<unknown[]>, options);
      } finally {
        await runner.query('COMMIT');
      }
    } finally {
      await runner.release();
    }
  }

  private async append(manager: EntityManager, rows: AuditRow[]): Promise<void> {
    // `as never`: without it tsc gives up on the insert's value type (TS2589, too deep).
    await manager.createQueryBuilder().insert().into(AuditEntry).values(rows as never).execute();
  }
}
