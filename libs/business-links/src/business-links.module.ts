import { Module } from '@nestjs/common';
import { businessRegistryProvider } from '@portal/businesses';
import { RequestsModule } from '@portal/requests';
import { BusinessLinksService } from './business-links.service';
import { LinkDecisionEffect } from './link-decision.effect';

/** Linking accounts to businesses through DAJI files. Imported by the API and the worker. */
@Module({
  imports: [RequestsModule],
  providers: [BusinessLinksService, LinkDecisionEffect, businessRegistryProvider],
  exports: [BusinessLinksService],
})
export class BusinessLinksModule {}
