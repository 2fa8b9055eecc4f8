import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccountsService, Actor, ProfileResponseDto, UpdateProfileDto } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import { CurrentActor, Origin } from '@portal/auth';

@ApiTags('me')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOkResponse({ type: ProfileResponseDto })
  async get(@CurrentActor() actor: Actor): Promise<ProfileResponseDto> {
    return ProfileResponseDto.from(await this.accounts.getProfile(actor));
  }

  @Patch()
  @ApiOkResponse({ type: ProfileResponseDto })
  async update(@CurrentActor() actor: Actor, @Body() dto: UpdateProfileDto, @Origin() origin: RequestOrigin): Promise<ProfileResponseDto> {
    return ProfileResponseDto.from(await this.accounts.updateProfile(actor, dto, origin));
  }
}
