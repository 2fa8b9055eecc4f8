import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A "forgotten password" request, as typed, waiting for the worker. The HTTP handler only writes this
 * row and its job (the same work whatever the address), so its answer and timing reveal nothing; the
 * worker looks the address up and deletes the row. Its id, not the address, travels through Redis.
 */
@Entity('password_reset_requests')
export class PasswordResetRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Normalised email, as typed: it may belong to no account. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'inet', nullable: true })
  ip: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
