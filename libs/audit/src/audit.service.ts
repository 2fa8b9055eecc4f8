import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@portal/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export const AUDIT_ACTIONS = [
  'account.registered',
  'account.email_verified',
  'account.profile_updated',
  'account.role_changed',
  'auth.login_succeeded',
  'auth.login_failed',
  'auth.login_throttled',
  'auth.logout',
  'auth.refresh_reuse_detected',
  'auth.password_reset_requested',
  'auth.password_changed',
  'catalogue.service_published',
  'request.created',
  'request.updated',
  'request.transition',
  'request.assigned',
  'request.message_posted',
  'request.note_added',
  'request.document_added',
  'request.document_deleted',
  'job.dead_letter_replayed',
  'business.link_requested',
  'business.link_decided',
  'business.job_offer_withdrawn',
  'business.member_approved',
  'business.member_refused',
  'business.member_updated',
  'business.member_revoked',
  'business.invitation_sent',
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

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an entry; pass the transaction's manager so the entry commits with the change it describes. */
  async record(entry: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const row: Omit<AuditEntry, 'id' | 'occurredAt'> = {
      action: entry.action,
      actorId: entry.actorId ?? null,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      ip: entry.origin?.ip ?? null,
      userAgent: entry.origin?.userAgent?.slice(0, 512) ?? null,
      details: entry.details ?? {},
    };
    await manager.createQueryBuilder().insert().into(AuditEntry).values(row as never).execute();
  }
}
