import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { JsonObject } from '@portal/common';

/**
 * Append-only record of who did what, when, from where. Never updated or deleted by the application
 * (its database role may only SELECT and INSERT here), and tamper-evident: PostgreSQL chains each row
 * to the previous one on insert (migration AuditChainAndAppRole; `npm run audit:verify` checks it).
 */
@Entity('audit_log')
@Index('audit_log_actor_idx', ['actorId', 'occurredAt'])
@Index('audit_log_target_idx', ['targetType', 'targetId'])
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  /** Null for anonymous actions (a failed login for an unknown email) and for the system. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  targetType: string | null;

  @Column({ type: 'text', nullable: true })
  targetId: string | null;

  @Column({ type: 'inet', nullable: true })
  ip: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  /** Never personal data beyond ids; no passwords or tokens. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: JsonObject;

  /** The previous row's hash (64 zeros for the first row). Set by the database, never by the application. */
  @Column({ type: 'text', insert: false, update: false })
  prevHash: string;

  /** sha256(prevHash + canonical row), hex: see AUDIT_CANONICAL_SQL. */
  @Column({ type: 'text', insert: false, update: false })
  hash: string;
}
