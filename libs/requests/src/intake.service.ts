import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { liveMandateSql } from '@portal/businesses';
import { validateFormData } from '@portal/catalogue';
import { DataSource, EntityManager } from 'typeorm';
import { Request } from './entities/request.entity';
import { SYSTEM } from './request-actor';
import { RequestTimeline } from './request-timeline.service';

/**
 * A submitted file's way in: completeness check, routing to the service's directorate, assignment
 * to the least-loaded agent. Idempotent: the transition is conditional on the status read.
 */
@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly timeline: RequestTimeline,
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
}
