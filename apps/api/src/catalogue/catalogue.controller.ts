import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import { CurrentActor, Origin, Public, Roles } from '@portal/auth';
import {
  CatalogueService,
  ListServicesQueryDto,
  PublishServiceVersionDto,
  ServiceCodeParamDto,
  ServiceSummaryDto,
  ServiceVersionParamDto,
  ServiceVersionResponseDto,
} from '@portal/catalogue';

@ApiTags('catalogue')
@Controller('catalogue/services')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: [ServiceSummaryDto], description: 'Current version of each open service, by directorate then title.' })
  async list(@Query() query: ListServicesQueryDto): Promise<ServiceSummaryDto[]> {
    return (await this.catalogue.list(query)).map((v) => ServiceSummaryDto.from(v));
  }

  @Public()
  @Get(':code')
  @ApiOkResponse({ type: ServiceVersionResponseDto, description: 'Current version, with its form, documents and deadline.' })
  async get(@Param('code') code: string): Promise<ServiceVersionResponseDto> {
    return ServiceVersionResponseDto.from(await this.catalogue.getCurrent(code));
  }

  @Public()
  @Get(':code/versions/:version')
  @ApiOkResponse({ type: ServiceVersionResponseDto, description: 'One version, e.g. the one a draft was begun under: its form stays the one the applicant fills in.' })
  async getVersion(@Param() params: ServiceVersionParamDto): Promise<ServiceVersionResponseDto> {
    return ServiceVersionResponseDto.from(await this.catalogue.getNumberedVersion(params.code, params.version));
  }

  @Roles('admin')
  @ApiBearerAuth()
  @ApiCookieAuth()
  @Post(':code/versions')
  @ApiCreatedResponse({ type: ServiceVersionResponseDto, description: 'The new version; the previous ones are unchanged.' })
  async publish(
    @CurrentActor() actor: Actor,
    @Param() params: ServiceCodeParamDto,
    @Body() dto: PublishServiceVersionDto,
    @Origin() origin: RequestOrigin,
  ): Promise<ServiceVersionResponseDto> {
    return ServiceVersionResponseDto.from(await this.catalogue.publish(actor, params.code, dto, origin));
  }
}
