import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { liveMandateSql } from '@portal/businesses';
import { addCalendarMonths, formatNoumeaDate, validateFormData } from '@portal/catalogue';
import { AppConfig } from '@portal/config';
import { draftExpiryWarningTemplate, EmailService } from '@portal/notifications';
import { DomainError } from '@portal/common';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { DEADLINE_RUNNING_STATUSES } from './domain/request-workflow';
import { DOCUMENT_STORAGE, DocumentStorage, removeStoredDocuments } from './documents/document-storage';
import { JobEffect } from './entities/job-effect.entity';
import { RequestDocument } from './entities/request-document.entity';
import { Request } from './entities/request.entity';
import { SYSTEM } from './request-actor';
import { RequestTimeline } from './request-timeline.service';

const DRAFT_LIFETIME_MONTHS = 3;
const DRAFT_WARNING_MS = 14 * 24 * 3600 * 1000;

/**
 * What the worker does to files. Every effect is idempotent: status changes are conditional on the
 * status read, and other effects record a key in job_effects in the same transaction.
 */
@Injectable()
export class RequestJobsService {
  private readonly logger = new Logger(RequestJobsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly timeline: RequestTimeline,
    private readonly emails: EmailService,
    private readonly config: AppConfig,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /** Completeness check, routing to the service's directorate, assignment to the least-loaded agent, then in_review. */
  async intake(requestId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(Request, { where: { id: requestId }, relations: { serviceVersion: true } });
      if (!request || request.status !== 'submitted') return; // already taken in, withdrawn, or decided
      const service = request.serviceVersion!;
      const complete = validateFormData(service.formSchema, request.data, { partial: true }).ok;
      const assigneeId = await this.leastLoadedAgent(manager, request);
      await this.timeline.transition(manager, request, {
        action: 'route',
        by: SYSTEM,
        eventType: 'routed',
        changes: { assigneeId },
        payload: { action: 'route', directorateCode: request.directorateCode, checks: complete ? 'ok' : 'to_review' },
      });
      const assigned = await manager.findOneByOrFail(Request, { id: requestId });
      await this.timeline.record(manager, assigned, 'assigned', SYSTEM, 'internal', { assigneeId, pool: assigneeId === null });
    });
  }

  /**
   * The silence of the administration: at the due date, the service's rule decides. A concurrent
   * change (intake moving the file to in_review) makes the conditional update lose: read again.
   */
  async applyDeadline(requestId: string, now = new Date()): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tryApplyDeadline(requestId, now);
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'CONFLICT') || attempt >= 5) throw error;
      }
    }
  }

  private tryApplyDeadline(requestId: string, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(Request, { where: { id: requestId }, relations: { serviceVersion: true } });
      if (!request || !request.dueAt || request.dueAt > now) return false; // not due (any more): the date moved
      if (!DEADLINE_RUNNING_STATUSES.includes(request.status)) return false;
      const outcome = request.serviceVersion!.deadlineRule.outcome;
      if (outcome === 'none') return false;
      const approve = outcome === 'implicit_approval';
      await this.timeline.transition(manager, request, {
        action: approve ? 'expire_deadline_approve' : 'expire_deadline_reject',
        by: SYSTEM,
        eventType: 'decided',
        changes: { decisionKind: 'implicit', decidedAt: now },
        payload: { action: approve ? 'expire_deadline_approve' : 'expire_deadline_reject', decisionKind: 'implicit', dueAt: request.dueAt.toISOString() },
      });
      return true;
    });
  }

  /** Reminds the directorate (internal timeline, hence the agent's stream) once per due date. */
  async remindDeadline(requestId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const request = await manager.findOneBy(Request, { id: requestId });
      if (!request?.dueAt || !DEADLINE_RUNNING_STATUSES.includes(request.status)) return;
      if (!(await this.claimEffect(manager, `deadline-reminder:${requestId}:${request.dueAt.toISOString()}`))) return;
      await this.timeline.record(manager, request, 'deadline_reminder', SYSTEM, 'internal', { dueAt: request.dueAt.toISOString(), assigneeId: request.assigneeId });
    });
  }

  /**
   * The safety net: files past their due date whose deadline job was lost (Redis flushed, job
   * failed for good). Runs periodically; applying a deadline twice is impossible (conditional update).
   */
  async sweepOverdue(limit = 500, now = new Date()): Promise<number> {
    const overdue = await this.dataSource.manager
      .createQueryBuilder(Request, 'r')
      .select('r.id', 'id')
      .where('r.status IN (:...statuses)', { statuses: DEADLINE_RUNNING_STATUSES })
      .andWhere('r.due_at <= :now', { now })
      .orderBy('r.due_at')
      .limit(limit)
      .getRawMany<{ id: string }>();
    let applied = 0;
    for (const { id } of overdue) {
      try {
        if (await this.applyDeadline(id, now)) applied++;
      } catch (error) {
        this.logger.warn(`deadline of ${id} not applied: ${(error as Error).message}`);
      }
    }
    return applied;
  }

  /** Files submitted but never taken in (their intake job was lost): returns their ids to re-queue. */
  async findStuckSubmissions(olderThanMs: number, limit = 500): Promise<string[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(Request, 'r')
      .select('r.id', 'id')
      .where("r.status = 'submitted'")
      .andWhere('r.submitted_at < :before', { before: new Date(Date.now() - olderThanMs) })
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /**
   * Drafts untouched for 3 months expire; their owner is warned two weeks before. Each warning is
   * sent once per draft state (the key holds the last edit time: editing the draft restarts the clock).
   */
  async expireDrafts(now = new Date()): Promise<{ warned: number; expired: number }> {
    const expiry = (updatedAt: Date) => addCalendarMonths(updatedAt, DRAFT_LIFETIME_MONTHS);
    const warnBefore = new Date(now.getTime() + DRAFT_WARNING_MS);
    const candidates = await this.dataSource.manager.find(Request, {
      where: { status: 'draft', updatedAt: LessThan(new Date(now.getTime() - 60 * 24 * 3600 * 1000)) },
      relations: { serviceVersion: true, applicant: true },
      take: 1000,
    });
    let warned = 0;
    let expired = 0;
    for (const draft of candidates) {
      const expiresAt = expiry(draft.updatedAt);
      if (expiresAt <= now) {
        if (await this.deleteDraft(draft)) expired++;
      } else if (expiresAt <= warnBefore) {
        const sent = await this.dataSource.transaction(async (manager) => {
          if (!(await this.claimEffect(manager, `draft-expiry-warning:${draft.id}:${draft.updatedAt.toISOString()}`))) return false;
          const applicant = draft.applicant!;
          await this.emails.queue(
            manager,
            { address: applicant.email, accountId: applicant.id },
            draftExpiryWarningTemplate(applicant.firstName, draft.serviceVersion?.title ?? draft.serviceCode, formatNoumeaDate(expiresAt), `${this.config.PUBLIC_URL}/demandes/${draft.id}`),
          );
          return true;
        });
        if (sent) warned++;
      }
    }
    return { warned, expired };
  }

  /** Deletes a draft unchanged since it was read, then its documents' bytes (rows cascade). */
  private async deleteDraft(draft: Request): Promise<boolean> {
    const storageKeys = await this.dataSource.transaction(async (manager) => {
      const unchanged = await manager.findOne(Request, { where: { id: draft.id, status: 'draft', version: draft.version }, lock: { mode: 'pessimistic_write' } });
      if (!unchanged) return null;
      const documents = await manager.find(RequestDocument, { where: { requestId: draft.id }, select: { id: true, storageKey: true } });
      await manager.delete(Request, { id: draft.id });
      return documents.map((d) => d.storageKey);
    });
    await removeStoredDocuments(this.storage, storageKeys ?? [], this.logger);
    return storageKeys !== null;
  }

  /**
   * The active agent of the directorate with the fewest open files — never someone the file
   * concerns. Reads one row per agent (`open_files`, kept by a trigger on requests) and locks the
   * one chosen until commit; agents other intakes are assigning to right now are skipped, so
   * concurrent intakes spread over the directorate instead of queuing on one row.
   */
  private async leastLoadedAgent(manager: EntityManager, request: Request): Promise<string | null> {
    const pick = async (lock: string) =>
      ((await manager.query(
        `SELECT a.id
           FROM accounts a
          WHERE a.role = 'agent' AND a.status = 'active' AND a.directorate_code = $1
            AND a.id <> $2
            AND NOT EXISTS (SELECT 1 FROM business_memberships m WHERE m.business_id = $3 AND m.account_id = a.id AND ${liveMandateSql('m')})
          ORDER BY a.open_files, a.id
          LIMIT 1 ${lock}`,
        [request.directorateCode, request.applicantAccountId, request.businessId],
      )) as Array<{ id: string }>)[0]?.id;
    // All candidates busy: the least loaded anyway (its counter row is then waited for, briefly).
    return (await pick('FOR NO KEY UPDATE SKIP LOCKED')) ?? (await pick('')) ?? null;
  }

  private async claimEffect(manager: EntityManager, effectKey: string): Promise<boolean> {
    const result = await manager.createQueryBuilder().insert().into(JobEffect).values({ effectKey }).orIgnore().returning(['effect_key']).execute();
    return (result.raw as unknown[]).length === 1;
  }
}
