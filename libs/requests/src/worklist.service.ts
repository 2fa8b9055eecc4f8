import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor, DirectorateCode } from '@portal/accounts';
import { DomainError, NOUMEA_TIME_ZONE } from '@portal/common';
import { Brackets, DataSource } from 'typeorm';
import { OPEN_STATUSES } from './domain/request-workflow';
import { WorklistQuery } from './dto/agent.dto';
import { Request } from './entities/request.entity';
import { decodeCursor, keysetPage } from './keyset-cursor';

// Files without a due date sort last when sorting by due date. Indexed as is (requests_worklist_due_key_idx,
// requests_worklist_status_due_idx): change it there too.
const DUE_KEY = "COALESCE(r.due_at, 'infinity'::timestamptz)";

/**
 * The directorate's worklist: filters, search, sort by due date or submission, keyset pagination
 * (a page costs the same at the millionth file as at the first). Scoped by directorate in the query.
 */
@Injectable()
export class WorklistService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whose files: the staff member's directorate; an admin's choice, or every directorate (null). */
  directorateOf(actor: Actor, query: Pick<WorklistQuery, 'directorate'>): DirectorateCode | null {
    if (actor.role === 'admin') return query.directorate ?? null;
    if (!actor.directorateCode) throw new DomainError('FORBIDDEN');
    return actor.directorateCode;
  }

  /** `withService: false` leaves out each file's service version (its form schema): an export needs the code only. */
  async list(actor: Actor, query: WorklistQuery, options: { now?: Date; withService?: boolean } = {}): Promise<{ items: Request[]; nextCursor: string | null }> {
    const { now = new Date(), withService = true } = options;
    const limit = query.limit ?? 20;
    const qb = this.dataSource.manager.createQueryBuilder(Request, 'r').leftJoinAndSelect('r.business', 'b').where("r.status <> 'draft'");
    if (withService) qb.leftJoinAndSelect('r.serviceVersion', 'sv');

    const directorate = this.directorateOf(actor, query);
    if (directorate) qb.andWhere('r.directorate_code = :directorate', { directorate });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.service) qb.andWhere('r.service_code = :service', { service: query.service });
    if (query.assignee === 'me') qb.andWhere('r.assignee_id = :me', { me: actor.accountId });
    if (query.assignee === 'none') qb.andWhere('r.assignee_id IS NULL');
    // On the sort key (no due date = never overdue), so the worklist indexes serve these filters too.
    if (query.overdue === true) qb.andWhere(`${DUE_KEY} < :now AND r.status IN (:...open)`, { now, open: OPEN_STATUSES });
    if (query.overdue === false) qb.andWhere(`${DUE_KEY} >= :now`, { now });
    // Calendar days of Nouméa, both included.
    if (query.submittedFrom) qb.andWhere(`r.submitted_at >= (:from::date)::timestamp AT TIME ZONE '${NOUMEA_TIME_ZONE}'`, { from: query.submittedFrom });
    if (query.submittedTo) qb.andWhere(`r.submitted_at < (:to::date + 1)::timestamp AT TIME ZONE '${NOUMEA_TIME_ZONE}'`, { to: query.submittedTo });
    if (query.q) {
      const q = query.q.trim();
      qb.andWhere(
        new Brackets((w) => {
          w.where('r.reference = :ref', { ref: q.toUpperCase() }).orWhere("r.applicant_name ILIKE :name ESCAPE '\\'", { name: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
        }),
      );
    }

    const sortBySubmission = query.sort === 'submitted_at';
    if (query.cursor) {
      const { value, id } = decodeCursor(query.cursor);
      if (sortBySubmission) qb.andWhere('(r.submitted_at, r.id) < (:value, :id)', { value, id });
      else qb.andWhere(`(${DUE_KEY}, r.id) > (COALESCE(:value::timestamptz, 'infinity'::timestamptz), :id)`, { value, id });
    }
    if (sortBySubmission) qb.orderBy('r.submitted_at', 'DESC').addOrderBy('r.id', 'DESC');
    else qb.orderBy(DUE_KEY, 'ASC').addOrderBy('r.id', 'ASC');

    // A file without a due date sorts last (infinity); its cursor value is null, read back as infinity.
    return keysetPage(qb, sortBySubmission ? 'r.submitted_at' : 'r.due_at', limit);
  }

  /** The whole filtered list, page after page along the same keyset: memory stays flat whatever its length. */
  async *pages(actor: Actor, query: Omit<WorklistQuery, 'cursor' | 'limit'>, pageSize = 500): AsyncGenerator<Request[]> {
    for (let cursor: string | undefined; ; ) {
      const page = await this.list(actor, { ...query, cursor, limit: pageSize }, { withService: false });
      if (page.items.length > 0) yield page.items;
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }
}
