import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import { CurrentActor } from '@portal/auth';
import { BusinessesService, MyBusinessDto } from '@portal/businesses';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/businesses')
export class MyBusinessesController {
  constructor(private readonly businesses: BusinessesService) {}

  @Get()
  @ApiOkResponse({ type: [MyBusinessDto], description: 'My live mandates, and my link requests still pending.' })
  async list(@CurrentActor() actor: Actor): Promise<MyBusinessDto[]> {
    return (await this.businesses.listMine(actor)).map((m) => MyBusinessDto.fromMembership(m));
  }
}
