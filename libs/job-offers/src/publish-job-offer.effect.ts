import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@portal/config';
import { EntityManager } from 'typeorm';
import { DecisionEffect, DecisionEffects, type Request } from '@portal/requests';
import { jobOfferFromAnswers } from './job-offer-answers';
import { JOB_OFFER_SERVICE_CODE } from './job-offer-terms';
import { JobOffer } from './job-offer.entity';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Approving a DEL job offer file publishes the offer, in the decision's transaction. One offer per
 * file (unique request_id): a replayed decision or a second call inserts nothing.
 */
@Injectable()
export class PublishJobOfferEffect implements DecisionEffect, OnModuleInit {
  readonly serviceCodes = [JOB_OFFER_SERVICE_CODE] as const;

  constructor(
    private readonly effects: DecisionEffects,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.effects.register(this);
  }

  async apply(manager: EntityManager, request: Request): Promise<void> {
    // Rejected, closed or withdrawn files publish nothing; so does a file filed by a person.
    if (request.status !== 'approved' || !request.businessId) return;
    // Millisecond precision (JS dates), so the board's keyset cursor round-trips exactly.
    const publishedAt = new Date();
    await manager
      .createQueryBuilder()
      .insert()
      .into(JobOffer)
      .values({
        ...jobOfferFromAnswers(request.data),
        requestId: request.id,
        businessId: request.businessId,
        publishedAt,
        expiresAt: new Date(publishedAt.getTime() + this.config.JOB_OFFER_PUBLICATION_DAYS * DAY_MS),
      })
      .orIgnore()
      .execute();
  }
}
