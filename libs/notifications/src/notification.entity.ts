import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app notification. At most one per (event, account): a replayed job adds nothing. */
@Entity('notifications')
@Index('notifications_event_account_key', ['eventId', 'accountId'], { unique: true })
@Index('notifications_account_idx', ['accountId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'uuid', nullable: true })
  requestId: string | null;

  /** The request event it tells about. */
  @Column({ type: 'bigint', nullable: true })
  eventId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
