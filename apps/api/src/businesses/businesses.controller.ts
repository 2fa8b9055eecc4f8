import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import { CurrentActor } from '@portal/auth';
import { IdParam } from '@portal/common';
import {
  BusinessesService,
  BusinessHistoryEntryDto,
  BusinessHistoryPageDto,
  BusinessHistoryQuery,
  BusinessResponseDto,
  LookupBusinessQuery,
  RegistryEntryResponseDto,
} from '@portal/businesses';

/** Business profiles. A business the caller holds no live mandate for is "not found" (404). */
@ApiTags('businesses')
@ApiBearerAuth()
@Controller('businesses')
export class BusinessesController {
  constructor(private readonly businesses: BusinessesService) {}

  @Get('lookup')
  @ApiOkResponse({ type: RegistryEntryResponseDto, description: 'What the companies register says about a RIDET or a RID.' })
  @ApiServiceUnavailableResponse({ description: 'The register does not answer; retry after Retry-After seconds.' })
  async lookup(@Query() query: LookupBusinessQuery): Promise<RegistryEntryResponseDto> {
    const { entry, asked } = await this.businesses.lookup(query.ridet);
    return RegistryEntryResponseDto.fromEntry(entry, asked);
  }

  @Get(':id')
  @ApiOkResponse({ type: BusinessResponseDto })
  async get(@CurrentActor() actor: Actor, @IdParam('id', 'BUSINESS_NOT_FOUND') id: string): Promise<BusinessResponseDto> {
    const { business, mine } = await this.businesses.getForMember(actor, id);
    return BusinessResponseDto.fromProfile(business, mine);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: BusinessHistoryPageDto, description: 'For the business’s managers.' })
  async history(@CurrentActor() actor: Actor, @IdParam('id', 'BUSINESS_NOT_FOUND') id: string, @Query() query: BusinessHistoryQuery): Promise<BusinessHistoryPageDto> {
    const page = await this.businesses.history(actor, id, query);
    return { items: page.items.map((i) => BusinessHistoryEntryDto.from(i.entry, i.actorName)), nextCursor: page.nextCursor };
  }
}
