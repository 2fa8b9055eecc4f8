import { Module } from '@nestjs/common';
import { RequestsModule } from '@portal/requests';
import { JobOffersService } from './job-offers.service';
import { PublishJobOfferEffect } from './publish-job-offer.effect';

/**
 * DEL job offers: publication on approval (a decision effect, so both the API, for explicit
 * decisions, and the worker, for implicit ones, must import this module) and the job board.
 */
@Module({
  imports: [RequestsModule],
  providers: [PublishJobOfferEffect, JobOffersService],
  exports: [JobOffersService],
})
export class JobOffersModule {}
