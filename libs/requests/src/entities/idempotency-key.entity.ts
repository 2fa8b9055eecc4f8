import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A remembered Idempotency-Key: the same key and body replay the first response; a different body
 * is refused (422); a second call while the first runs is refused (409). Pruned after 24 hours.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid' })
  accountId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** Route and target, e.g. `submit:<request id>`. */
  @Column({ type: 'text' })
  scope: string;

  /** SHA-256 of the scope and canonical body. */
  @Column({ type: 'text' })
  fingerprint: string;

  @Column({ type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
