import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccountsService, Actor } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import { CurrentActor, MfaCodeDto, MfaEnrolmentDto, MfaProofDto, MfaService, MySecondFactorService, Origin, RecoveryCodesDto, SecondFactorStatusDto } from '@portal/auth';

/** Anyone signed in may turn a second factor on for their own account (staff enrol at sign-in), and residents off. */
@ApiTags('me')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('me/mfa')
export class MySecondFactorController {
  constructor(
    private readonly mfa: MfaService,
    private readonly accounts: AccountsService,
    private readonly mine: MySecondFactorService,
  ) {}

  @Get()
  @ApiOkResponse({ type: SecondFactorStatusDto })
  status(@CurrentActor() actor: Actor): Promise<SecondFactorStatusDto> {
    return this.mine.status(actor);
  }

  @Post('enrolment')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MfaEnrolmentDto })
  async enrol(@CurrentActor() actor: Actor): Promise<MfaEnrolmentDto> {
    const profile = await this.accounts.getProfile(actor);
    return this.mfa.startEnrolment({ id: actor.accountId, email: profile.email });
  }

  @Post('enrolment/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: RecoveryCodesDto, description: 'The second factor is on from now; the recovery codes are shown once.' })
  async confirm(@CurrentActor() actor: Actor, @Body() dto: MfaCodeDto, @Origin() origin: RequestOrigin): Promise<RecoveryCodesDto> {
    return { recoveryCodes: await this.mfa.confirmForSession(actor, dto.code, origin) };
  }

  @Post('disable')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Turned off, with a current code or a recovery code (staff: refused while the second factor is required).' })
  async disable(@CurrentActor() actor: Actor, @Body() dto: MfaProofDto, @Origin() origin: RequestOrigin & { ip: string }): Promise<void> {
    await this.mine.disable(actor, { code: dto.code, recoveryCode: dto.recoveryCode }, origin);
  }
}
