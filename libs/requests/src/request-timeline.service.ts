import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { DomainError } from '@portal/common';
import { OutboxService } from '@portal/queue';
import { RealtimePublisher } from '@portal/realtime';
import { EntityManager } from 'typeorm';
import { DecisionEffects } from './decision-effects';
import { isTerminal, RequestStatus, transition, WorkflowAction } from './domain/request-workflow';
import { EventPayload, EventVisibility, RequestEvent, RequestEventType } from './entities/request-event.entity';
import { Request } from './entities/request.entity';
import { actorId, actorRole, RequestActor } from './request-actor';

export interface TransitionInput {
  action: WorkflowAction;
  by: RequestActor;
  /** Event type shown on the timeline; defaults to `status_changed`. */
  eventType?: RequestEventType;
  payload?: EventPayload;
  /** Other columns changed with the status, in the same conditional UPDATE. */
  changes?: Partial<Pick<Request, 'assigneeId' | 'dueAt' | 'awaitingSince' | 'suspendedMs' | 'decidedAt' | 'decisionKind' | 'submittedAt' | 'reference' | 'data' | 'grantedAmountXpf' | 'corrections'>>;
}

/**
 * The one write path of a file's status: workflow check, conditional UPDATE on (id, version,
 * status) so exactly one concurrent actor wins, timeline event, outbox (notify), audit — all in the
 * caller's transaction.
 */
@Injectable()
export class RequestTimeline {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly effects: DecisionEffects,
    private readonly realtime: RealtimePublisher,
  ) {}

  async transition(manager: EntityManager, request: Request, input: TransitionInput): Promise<{ request: Request; event: RequestEvent }> {
    const result = transition(request.status, input.action, actorRole(input.by));
    if (!result.ok) {
      throw new DomainError(result.reason === 'ROLE_NOT_ALLOWED' ? 'FORBIDDEN' : 'TRANSITION_NOT_ALLOWED', undefined, {
        status: request.status,
        action: input.action,
      });
    }
    const updated = await this.conditionalUpdate(manager, request, { ...input.changes, status: result.next });
    const event = await this.record(manager, updated, input.eventType ?? 'status_changed', input.by, 'applicant', input.payload ?? {}, {
      from: request.status,
      to: result.next,
    });
    if (isTerminal(result.next)) await this.effects.apply(manager, updated);
    // The receipt and the decision letter are written by the worker, never in the HTTP request.
    if (issuesLetter(result.next)) await this.outbox.enqueue(manager, 'request.issue-letter', { eventId: event.id });
    await this.audit.record(
      {
        action: 'request.transition',
        actorId: actorId(input.by),
        target: { type: 'request', id: request.id },
        details: { action: input.action, from: request.status, to: result.next },
      },
      manager,
    );
    return { request: updated, event };
  }

  /**
   * Changes columns without a status change (assignment, draft edits), under the same optimistic
   * concurrency: the caller read `request` and nobody may have changed it since.
   */
  async conditionalUpdate(manager: EntityManager, request: Request, changes: Partial<Request>): Promise<Request> {
    const result = await manager
      .createQueryBuilder()
      .update(Request)
      .set({ ...changes, version: () => 'version + 1' })
      .where({ id: request.id, version: request.version, status: request.status })
      .execute();
    if (result.affected !== 1) throw new DomainError('CONFLICT');
    return manager.findOneByOrFail(Request, { id: request.id });
  }

  /**
   * Adds a timeline event; applicant-visible events also queue their notifications (and, by a
   * trigger on request_events, their webhook deliveries once the file is submitted).
   */
  async record(
    manager: EntityManager,
    request: Request,
    type: RequestEventType,
    by: RequestActor,
    visibility: EventVisibility,
    payload: EventPayload = {},
    status?: { from: RequestStatus; to: RequestStatus },
  ): Promise<RequestEvent> {
    const event = manager.create(RequestEvent, {
      requestId: request.id,
      type,
      fromStatus: status?.from ?? null,
      toStatus: status?.to ?? null,
      actorId: actorId(by),
      actorRole: actorRole(by),
      visibility,
      payload,
    });
    await manager.insert(RequestEvent, event);
    this.realtime.afterCommit(manager, { kind: 'event', id: event.id });
    if (visibility === 'applicant' && notifies(type, by)) {
      await this.outbox.enqueue(manager, 'request.notify', { eventId: event.id });
    }
    return event;
  }
}

/** A submission gets its receipt; a decision (explicit or implicit) its letter. A withdrawal gets none. */
export function issuesLetter(status: RequestStatus): boolean {
  return status === 'submitted' || status === 'approved' || status === 'rejected' || status === 'closed';
}

// The applicant is told about what others do, and gets a receipt for what they send; their other
// own actions (a message they post, a withdrawal) need no email.
function notifies(type: RequestEventType, by: RequestActor): boolean {
  if (by.kind === 'person' && by.role === 'applicant') return type === 'submitted' || type === 'resubmitted';
  return type !== 'created';
}
