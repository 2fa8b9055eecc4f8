import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@portal/auth';
import { IdParam } from '@portal/common';
import { JobBoardQuery, JobOffersService } from '@portal/job-offers';
import { JobOfferDto, JobOfferPageDto } from './job-offer-response.dto';

/** The province's public job board: offers published by approved DEL files, until withdrawn or expired. */
@ApiTags('job-offers')
@Public()
@Controller('job-offers')
export class JobBoardController {
  constructor(private readonly offers: JobOffersService) {}

  @Get()
  @ApiOkResponse({ type: JobOfferPageDto, description: 'Published offers, newest first.' })
  async list(@Query() query: JobBoardQuery): Promise<JobOfferPageDto> {
    const page = await this.offers.board(query);
    return { items: page.items.map((o) => JobOfferDto.from(o)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: JobOfferDto })
  @ApiNotFoundResponse({ description: 'Unknown, withdrawn or expired.' })
  async get(@IdParam('id', 'JOB_OFFER_NOT_FOUND') id: string): Promise<JobOfferDto> {
    return JobOfferDto.from(await this.offers.get(id));
  }
}
