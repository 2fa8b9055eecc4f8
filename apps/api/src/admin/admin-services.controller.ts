import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@portal/auth';
import { CatalogueService, ServiceCodeParamDto, ServiceSummaryDto, ServiceVersionResponseDto } from '@portal/catalogue';

// Publishing (and closing: publishing a version with `open: false`) is POST /api/catalogue/services/:code/versions.
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/services')
export class AdminServicesController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOkResponse({ type: [ServiceSummaryDto], description: 'Current version of every service, closed ones included, by directorate then title.' })
  async list(): Promise<ServiceSummaryDto[]> {
    return (await this.catalogue.listAll()).map((v) => ServiceSummaryDto.from(v));
  }

  @Get(':code/versions')
  @ApiOkResponse({ type: [ServiceVersionResponseDto], description: 'Every version of the service, newest first.' })
  async versions(@Param() params: ServiceCodeParamDto): Promise<ServiceVersionResponseDto[]> {
    return (await this.catalogue.versions(params.code)).map((v) => ServiceVersionResponseDto.from(v));
  }
}
