import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, Actor } from '@portal/accounts';
import { DomainError } from '@portal/common';
import { DataSource, In } from 'typeorm';
import { liveMandateSql } from './business-access';
import { BusinessHistoryQuery } from './dto/business-history.dto';
import { Business } from './entities/business.entity';
import { BusinessHistoryEntry } from './entities/business-history.entity';
import { BusinessMembership } from './entities/business-membership.entity';
import { requireLiveMember, requireManager } from './member-access';
import { BUSINESS_REGISTRY, BusinessRegistry, RegistryEntry } from './registry';
import { Ridet } from '@portal/common';

const DEFAULT_HISTORY_PAGE = 50;

/** Reading businesses: the registry, my businesses, a business's profile and history. */
@Injectable()
export class BusinessesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BUSINESS_REGISTRY) private readonly registry: BusinessRegistry,
  ) {}

  /**
   * What the registry says about a RIDET (or a RID alone: the head office). An invalid number is a
   * 400 on `ridet`, an unknown one BUSINESS_UNKNOWN, a registry that does not answer a 503.
   */
  async lookup(input: string): Promise<{ entry: RegistryEntry; asked: Ridet }> {
    const asked = Ridet.parse(input);
    const entry = await this.registry.lookup(asked);
    if (!entry) throw new DomainError('BUSINESS_UNKNOWN');
    return { entry, asked };
  }

  /** My live mandates and my pending link requests, with each business's identity. */
  async listMine(actor: Actor): Promise<Array<BusinessMembership & { business: Business }>> {
    const memberships = await this.dataSource.manager
      .createQueryBuilder(BusinessMembership, 'm')
      .innerJoinAndSelect('m.business', 'b')
      .where('m.account_id = :accountId', { accountId: actor.accountId })
      .andWhere(`(m.status = 'pending' OR ${liveMandateSql('m')})`)
      .orderBy('b.legalName', 'ASC', 'NULLS LAST')
      .addOrderBy('b.ridet', 'ASC')
      .getMany();
    return memberships as Array<BusinessMembership & { business: Business }>;
  }

  /** The profile of a business I hold a live mandate for; anything else is 404. */
  async getForMember(actor: Actor, businessId: string): Promise<{ business: Business; mine: BusinessMembership }> {
    const manager = this.dataSource.manager;
    const mine = await requireLiveMember(manager, actor.accountId, businessId);
    const business = await manager.findOneByOrFail(Business, { id: businessId });
    return { business, mine };
  }

  /** The business's history, newest first, for its managers. */
  async history(
    actor: Actor,
    businessId: string,
    query: BusinessHistoryQuery,
  ): Promise<{ items: Array<{ entry: BusinessHistoryEntry; actorName: string | null }>; nextCursor: string | null }> {
    const manager = this.dataSource.manager;
    await requireManager(manager, actor.accountId, businessId);
    const limit = query.limit ?? DEFAULT_HISTORY_PAGE;
    const qb = manager
      .createQueryBuilder(BusinessHistoryEntry, 'h')
      .where('h.business_id = :businessId', { businessId })
      .orderBy('h.id', 'DESC')
      .limit(limit + 1);
    if (query.cursor) qb.andWhere('h.id < :cursor', { cursor: query.cursor });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const actorIds = [...new Set(page.map((e) => e.actorId).filter((id): id is string => id !== null))];
    const actors = actorIds.length > 0 ? await manager.findBy(Account, { id: In(actorIds) }) : [];
    const names = new Map(actors.map((a) => [a.id, `${a.firstName} ${a.lastName}`]));
    return {
      items: page.map((entry) => ({ entry, actorName: entry.actorId ? (names.get(entry.actorId) ?? null) : null })),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
