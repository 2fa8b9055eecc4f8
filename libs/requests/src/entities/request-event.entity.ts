import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { RequestStatus } from '../domain/request-workflow';
import { Request } from './request.entity';

export const REQUEST_EVENT_TYPES = [
  'created',
  'submitted',
  'routed',
  'assigned',
  'status_changed',
  'info_requested',
  'resubmitted',
  'decided',
  'withdrawn',
  'message_posted',
  'document_added',
  'document_issued',
  'note_added',
  'deadline_reminder',
] as const;
export type RequestEventType = (typeof REQUEST_EVENT_TYPES)[number];

/** Who may see an event: the applicant's side, or the directorate only (internal notes, assignments). */
/** Flat on purpose: what a timeline entry says fits in a few scalar fields. */
export type EventPayload = Record<string, string | number | boolean | null>;

export type EventVisibility = 'applicant' | 'internal';

/**
 * The file's timeline. Its id only grows, so it also serves as the SSE event id: a client that
 * reconnects asks for everything after the last id it saw.
 */
@Entity('request_events')
@Index('request_events_request_idx', ['requestId', 'id'])
export class RequestEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => Request, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: Request;

  @Column({ type: 'text' })
  type: RequestEventType;

  @Column({ type: 'text', nullable: true })
  fromStatus: RequestStatus | null;

  @Column({ type: 'text', nullable: true })
  toStatus: RequestStatus | null;

  /** Null when the system (a job) acted. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorRole: string;

  @Column({ type: 'text' })
  visibility: EventVisibility;

  /** What the applicant reads (reason, message, due date); ids only beyond that. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: EventPayload;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
