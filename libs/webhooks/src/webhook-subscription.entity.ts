import { Directorate, DirectorateCode } from '@portal/accounts';
import type { RequestEventType } from '@portal/requests';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The events a receiver may subscribe to: what an applicant sees on a submitted file's timeline
 * (the compiler checks each is a timeline event type).
 */
export const WEBHOOK_EVENT_TYPES = [
  'submitted',
  'routed',
  'status_changed',
  'info_requested',
  'resubmitted',
  'decided',
  'withdrawn',
  'message_posted',
  'document_added',
] as const satisfies readonly RequestEventType[];
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * An external system told about files' events: a directorate's back office, or all directorates.
 * Deliveries are signed with `secret` (Standard Webhooks); a disabled subscription gets nothing more.
 */
@Entity('webhook_subscriptions')
@Index('webhook_subscriptions_active_idx', ['directorateCode'], { where: 'disabled_at IS NULL' })
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Null: every directorate. */
  @Column({ type: 'text', nullable: true })
  directorateCode: DirectorateCode | null;

  @ManyToOne(() => Directorate, { nullable: true })
  @JoinColumn({ name: 'directorate_code' })
  directorate?: Directorate;

  @Column({ type: 'text', array: true })
  eventTypes: WebhookEventType[];

  /** `whsec_` + base64 of 32 random bytes; shown once, at creation. */
  @Column({ type: 'text', select: false })
  secret: string;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  /** Why it was disabled: by an admin, or the receiver answered 410 Gone. */
  @Column({ type: 'text', nullable: true })
  disabledReason: string | null;
}
