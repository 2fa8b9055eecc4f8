import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import { accountNotFound, CurrentActor, MfaService, Origin, Roles } from '@portal/auth';
import { IdParam } from '@portal/common';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/accounts')
export class AdminSecondFactorController {
  constructor(private readonly mfa: MfaService) {}

  @Post(':id/mfa/reset')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: "A colleague's second factor removed (lost phone), their sessions ended; audited. They enrol again at their next sign-in." })
  async reset(@CurrentActor() actor: Actor, @IdParam('id', accountNotFound) id: string, @Origin() origin: RequestOrigin): Promise<void> {
    await this.mfa.reset(actor, id, origin);
  }
}
