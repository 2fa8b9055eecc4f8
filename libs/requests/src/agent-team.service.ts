import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor, DirectorateCode } from '@portal/accounts';
import { DataSource } from 'typeorm';
import { OPEN_STATUSES } from './domain/request-workflow';
import { WorklistService } from './worklist.service';

export interface TeamMember {
  id: string;
  firstName: string;
  lastName: string;
  role: 'agent' | 'supervisor';
  directorateCode: DirectorateCode;
  /** Open files assigned (accounts.open_files, kept by a trigger). */
  openFiles: number;
  /** Of those, the ones past their due date. */
  overdueFiles: number;
}

/**
 * The directorate's agents and supervisors with their load: who may be given a file, and how much
 * each one holds. Scoped like the worklist (an admin: one directorate or all).
 */
@Injectable()
export class AgentTeamService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly worklist: WorklistService,
  ) {}

  async team(actor: Actor, query: { directorate?: DirectorateCode }, now = new Date()): Promise<TeamMember[]> {
    const directorate = this.worklist.directorateOf(actor, query);
    // Overdue counted per assignee on requests_assignee_idx (assignee_id, status); a directorate has tens of agents.
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.first_name, a.last_name, a.role, a.directorate_code, a.open_files,
              (SELECT count(*)::int FROM requests r
                WHERE r.assignee_id = a.id AND r.status = ANY($2) AND r.due_at < $3) AS overdue_files
         FROM accounts a
        WHERE a.role IN ('agent', 'supervisor') AND a.status = 'active' AND ($1::text IS NULL OR a.directorate_code = $1)
        ORDER BY a.directorate_code, a.last_name, a.first_name, a.id`,
      [directorate, OPEN_STATUSES, now],
    )) as Array<{ id: string; first_name: string; last_name: string; role: TeamMember['role']; directorate_code: DirectorateCode; open_files: number; overdue_files: number }>;
    return rows.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      role: r.role,
      directorateCode: r.directorate_code,
      openFiles: r.open_files,
      overdueFiles: r.overdue_files,
    }));
  }
}
