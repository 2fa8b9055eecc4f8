import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import { CurrentActor } from '@portal/auth';
import { IdParam } from '@portal/common';
import { ApplicantRequestsService, ListMyRequestsQuery, RequestPageDto, RequestResponseDto } from '@portal/requests';

/** A business's files, for every member whose live mandate covers them. */
@ApiTags('businesses')
@ApiBearerAuth()
@Controller('businesses/:businessId/requests')
export class BusinessRequestsController {
  constructor(private readonly requests: ApplicantRequestsService) {}

  @Get()
  @ApiOkResponse({ type: RequestPageDto })
  async list(@CurrentActor() actor: Actor, @IdParam('businessId', 'BUSINESS_NOT_FOUND') businessId: string, @Query() query: ListMyRequestsQuery): Promise<RequestPageDto> {
    const page = await this.requests.list(actor, query, businessId);
    return { items: page.items.map((r) => RequestResponseDto.from(r)), nextCursor: page.nextCursor };
  }
}
