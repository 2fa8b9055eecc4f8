import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@portal/accounts';
import { liveMandateCovering } from '@portal/businesses';
import { DomainError } from '@portal/common';
import { DataSource, EntityManager, FindOptionsWhere, Not } from 'typeorm';
import { Request } from './entities/request.entity';

/**
 * Reads of files, always scoped to who asks: the query itself carries the owner or the
 * directorate, so reading someone else's file cannot be written by accident. A file out of scope
 * is "not found" (404), never "forbidden": its existence is not revealed.
 */
@Injectable()
export class RequestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A file on the applicant's side: one the actor filed as a person, or a business's file that the
   * actor's live mandate covers (whoever filed it). A revoked or expired mandate reads nothing.
   */
  async findForApplicant(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<Request> {
    const request = await manager
      .createQueryBuilder(Request, 'r')
      .leftJoinAndSelect('r.serviceVersion', 'sv')
      .leftJoinAndSelect('r.business', 'b')
      .where('r.id = :id', { id })
      .andWhere(APPLICANT_SIDE, { accountId: actor.accountId })
      .getOne();
    if (!request) throw new DomainError('REQUEST_NOT_FOUND');
    return request;
  }

  /** A file of the actor's directorate (agents, supervisors) or any file (admins). */
  async findForStaff(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<Request> {
    return this.findOne(manager, staffScope(actor, id));
  }

  /** Locks the file's row until the transaction ends (submission vs. concurrent document changes). */
  async lock(manager: EntityManager, id: string): Promise<void> {
    await manager.query('SELECT 1 FROM requests WHERE id = $1 FOR UPDATE', [id]);
  }

  private async findOne(manager: EntityManager, where: FindOptionsWhere<Request>): Promise<Request> {
    const request = await manager.findOne(Request, { where, relations: { serviceVersion: true, business: true } });
    if (!request) throw new DomainError('REQUEST_NOT_FOUND');
    return request;
  }
}

/** Who may read file `r` from the applicant's side: `account` is the SQL for the reader's id. */
export function applicantSideSql(account: string): string {
  return `((r.business_id IS NULL AND r.applicant_account_id = ${account}) OR (r.business_id IS NOT NULL AND ${liveMandateCovering('r.business_id', 'r.directorate_code', 'r.service_code', account)}))`;
}

/** Who may read a file from the applicant's side (the query parameter is :accountId). */
export const APPLICANT_SIDE = applicantSideSql(':accountId');


/** Staff read submitted files only: a draft belongs to its applicant until it is filed. */
export function staffScope(actor: Actor, id: string): FindOptionsWhere<Request> {
  switch (actor.role) {
    case 'admin':
      return { id, status: Not('draft') };
    case 'agent':
    case 'supervisor':
      // Never let a missing directorate widen the query (TypeORM drops undefined conditions).
      if (!actor.directorateCode) throw new DomainError('FORBIDDEN');
      return { id, directorateCode: actor.directorateCode, status: Not('draft') };
    case 'citizen':
      throw new DomainError('FORBIDDEN');
  }
}
