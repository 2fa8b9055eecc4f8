import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job that must run because some data changed. Written in the same transaction as that data;
 * the worker's relay hands it to the queue (job id = this id, so a replay is not a duplicate).
 */
@Entity('outbox_messages')
@Index('outbox_messages_pending_idx', ['availableAt'], { where: 'sent_at IS NULL' })
@Index('outbox_messages_intake_idx', { synchronize: false })
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  queue: string;

  @Column({ type: 'text' })
  jobName: string;

  /** Ids only, never personal data. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Delay: the job becomes runnable at this time. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'int', default: 0 })
  relayAttempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The HTTP request or job whose transaction wrote the row (migration OutboxCorrelation); carried into the job. */
  @Column({ type: 'text', nullable: true, default: () => 'portal_correlation_id()' })
  correlationId: string | null;
}
