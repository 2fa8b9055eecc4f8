import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@portal/common';
import { DataSource } from 'typeorm';
import { DEADLINE_RUNNING_STATUSES } from './domain/request-workflow';
import { claimJobEffect } from './entities/job-effect.entity';
import { Request } from './entities/request.entity';
import { SYSTEM } from './request-actor';
import { RequestTimeline } from './request-timeline.service';

/**
 * What happens at a file's due date, and the reminder before it (DeadlineScheduler queues both).
 * Idempotent: the decision is conditional on the status read, the reminder records a job effect.
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly timeline: RequestTimeline,
  ) {}

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
      if (!(await claimJobEffect(manager, `deadline-reminder:${requestId}:${request.dueAt.toISOString()}`))) return;
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
}
