import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import { CurrentActor } from '@portal/auth';
import { IdParam } from '@portal/common';
import { JobOffersService } from '@portal/job-offers';
import { BusinessJobOfferDto } from './job-offer-response.dto';

/** A business's own offers, for members whose mandate covers the DEL job offer service. */
@ApiTags('job-offers')
@ApiBearerAuth()
@Controller('businesses/:businessId/job-offers')
export class BusinessJobOffersController {
  constructor(private readonly offers: JobOffersService) {}

  @Get()
  @ApiOkResponse({ type: [BusinessJobOfferDto], description: 'Every offer, withdrawn and expired included, newest first.' })
  @ApiNotFoundResponse({ description: 'No live mandate covering the service.' })
  async list(@CurrentActor() actor: Actor, @IdParam('businessId', 'BUSINESS_NOT_FOUND') businessId: string): Promise<BusinessJobOfferDto[]> {
    return (await this.offers.listForBusiness(actor, businessId)).map((o) => BusinessJobOfferDto.forBusiness(o));
  }

  @Post(':offerId/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: BusinessJobOfferDto, description: 'The offer, off the board.' })
  @ApiNotFoundResponse({ description: 'Unknown offer, or no live mandate covering the service.' })
  async withdraw(@CurrentActor() actor: Actor, @IdParam('businessId', 'JOB_OFFER_NOT_FOUND') businessId: string, @IdParam('offerId', 'JOB_OFFER_NOT_FOUND') offerId: string): Promise<BusinessJobOfferDto> {
    return BusinessJobOfferDto.forBusiness(await this.offers.withdraw(actor, businessId, offerId));
  }
}
