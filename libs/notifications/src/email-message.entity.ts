import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface EmailAttachment {
  storageKey: string;
  fileName: string;
  contentType: string;
}

/**
 * An outgoing email (the mail spool). Rendered when the triggering change commits, sent by the
 * worker's `email.send` job; the body is erased once delivered so links and tokens do not linger.
 */
@Entity('email_messages')
// At most one email per (event, account): a replayed notify job sends nothing twice.
@Index('email_messages_event_account_key', ['eventId', 'accountId'], { unique: true, where: 'event_id IS NOT NULL' })
export class EmailMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** What the email is about, e.g. `verify_email`, for support and tests. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  /** The request event this email tells about, if any. */
  @Column({ type: 'bigint', nullable: true })
  eventId: string | null;

  @Column({ type: 'text' })
  toAddress: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', nullable: true })
  textBody: string | null;

  @Column({ type: 'text', nullable: true })
  htmlBody: string | null;

  /** Files to attach, read from the document storage when sending (never copied into the spool). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: EmailAttachment[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'text', nullable: true })
  providerMessageId: string | null;
}
