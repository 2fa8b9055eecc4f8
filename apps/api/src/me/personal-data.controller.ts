import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import { CurrentActor } from '@portal/auth';
import { PersonalDataExport, PersonalDataService } from '@portal/privacy';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/export')
export class PersonalDataController {
  constructor(private readonly personalData: PersonalDataService) {}

  @Get()
  @Header('content-disposition', 'attachment; filename="mes-donnees-portail-province-sud.json"')
  @ApiOkResponse({ description: 'Everything held about me, as JSON (right of access).' })
  export(@CurrentActor() actor: Actor): Promise<PersonalDataExport> {
    return this.personalData.export(actor);
  }
}
