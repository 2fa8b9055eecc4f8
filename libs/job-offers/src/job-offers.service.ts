import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@portal/accounts';
import { BusinessMembership, liveMembership, recordBusinessHistory, scopeCovers } from '@portal/businesses';
import { AuditService } from '@portal/audit';
import { DomainError } from '@portal/common';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, keysetPage } from '@portal/requests';
import { JobBoardQuery } from './dto/job-board.query';
import { JOB_OFFER_DIRECTORATE, JOB_OFFER_SERVICE_CODE, jobOfferState } from './job-offer-terms';
import { JobOffer } from './job-offer.entity';

const MAX_KEYWORDS = 8;

const likePattern = (word: string): string => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The public job board (published offers only: not withdrawn, not expired) and the business's own
 * view of its offers. The business side is scoped by a live mandate covering the DEL service:
 * without one, the business's offers "do not exist" (404).
 */
@Injectable()
export class JobOffersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Newest first, keyset-paginated on (publishedAt, id). */
  async board(query: JobBoardQuery, now = new Date()): Promise<{ items: JobOffer[]; nextCursor: string | null }> {
    const limit = query.limit ?? 20;
    const qb = this.published(this.dataSource.manager, now);
    if (query.commune) qb.andWhere('o.commune = :commune', { commune: query.commune });
    if (query.contractType) qb.andWhere('o.contract_type = :contractType', { contractType: query.contractType });
    // Every word must appear in the title or the description.
    const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, MAX_KEYWORDS);
    words.forEach((word, i) => {
      qb.andWhere(
        new Brackets((w) => {
          w.where(`o.title ILIKE :kw${i} ESCAPE '\\'`).orWhere(`o.description ILIKE :kw${i} ESCAPE '\\'`);
        }),
        { [`kw${i}`]: likePattern(word) },
      );
    });
    if (query.cursor) {
      const { value, id } = decodeCursor(query.cursor);
      if (value === null) throw new DomainError('VALIDATION_FAILED', undefined, [{ field: 'cursor', code: 'INVALID_FORMAT', message: "Le curseur de pagination n'est pas valide." }]);
      qb.andWhere('(o.published_at, o.id) < (:value::timestamptz, :id::uuid)', { value, id });
    }
    return keysetPage(qb.orderBy('o.published_at', 'DESC').addOrderBy('o.id', 'DESC'), 'o.published_at', limit);
  }

  /** A published offer; withdrawn, expired and unknown offers are all "not found". */
  async get(id: string, now = new Date()): Promise<JobOffer> {
    const offer = await this.published(this.dataSource.manager, now).andWhere('o.id = :id', { id }).getOne();
    if (!offer) throw new DomainError('JOB_OFFER_NOT_FOUND');
    return offer;
  }

  /** Every offer of the business, withdrawn and expired included, newest first. */
  async listForBusiness(actor: Actor, businessId: string): Promise<JobOffer[]> {
    const manager = this.dataSource.manager;
    if (!(await this.mandate(manager, actor, businessId))) throw new DomainError('BUSINESS_NOT_FOUND');
    return manager
      .createQueryBuilder(JobOffer, 'o')
      .leftJoinAndSelect('o.business', 'b')
      .where('o.business_id = :businessId', { businessId })
      .orderBy('o.published_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .getMany();
  }

  /** Takes a published offer off the board; recorded in the business's history. */
  async withdraw(actor: Actor, businessId: string, offerId: string, now = new Date()): Promise<JobOffer> {
    return this.dataSource.transaction(async (manager) => {
      const membership = await this.mandate(manager, actor, businessId);
      if (!membership) throw new DomainError('JOB_OFFER_NOT_FOUND');
      // Locked so two concurrent withdrawals give one success and one 409.
      const offer = await manager
        .createQueryBuilder(JobOffer, 'o')
        .setLock('pessimistic_write')
        .where('o.id = :offerId AND o.business_id = :businessId', { offerId, businessId })
        .getOne();
      if (!offer) throw new DomainError('JOB_OFFER_NOT_FOUND');
      const state = jobOfferState(offer, now);
      if (state === 'withdrawn') throw new DomainError('JOB_OFFER_ALREADY_WITHDRAWN');
      if (state === 'expired') throw new DomainError('JOB_OFFER_EXPIRED');
      await manager.update(JobOffer, { id: offer.id }, { withdrawnAt: now });
      await recordBusinessHistory(manager, {
        businessId,
        type: 'job_offer_withdrawn',
        actorId: actor.accountId,
        membershipId: membership.id,
        details: { jobOfferId: offer.id, requestId: offer.requestId, title: offer.title },
      });
      await this.audit.record({ action: 'business.job_offer_withdrawn', actorId: actor.accountId, target: { type: 'job_offer', id: offer.id } }, manager);
      return manager.findOneOrFail(JobOffer, { where: { id: offer.id }, relations: { business: true } });
    });
  }

  private published(manager: EntityManager, now: Date): SelectQueryBuilder<JobOffer> {
    return manager
      .createQueryBuilder(JobOffer, 'o')
      .innerJoinAndSelect('o.business', 'b')
      .where('o.withdrawn_at IS NULL AND o.expires_at > :now', { now });
  }

  /** The actor's live mandate for the business, if it covers the job offer service. */
  private async mandate(manager: EntityManager, actor: Actor, businessId: string): Promise<BusinessMembership | null> {
    const membership = await liveMembership(manager, actor.accountId, businessId);
    return membership && scopeCovers(membership, JOB_OFFER_DIRECTORATE, JOB_OFFER_SERVICE_CODE) ? membership : null;
  }
}
