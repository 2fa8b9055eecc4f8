import { Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import { CurrentActor, MySessionsService, Origin, sessionNotFound } from '@portal/auth';
import { IdParam } from '@portal/common';

class SessionResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Firefox sur Windows', description: 'Browser and system, from the user agent.' }) device: string;
  @ApiProperty({ description: 'To the minute.' }) signedInAt: Date;
  @ApiProperty({ description: 'Last sign-in or refresh, to the minute.' }) lastActiveAt: Date;
  @ApiProperty({ description: 'The session passed a second factor.' }) secondFactor: boolean;
  @ApiProperty({ description: 'The session this request comes from.' }) current: boolean;
}

class RevokedCountDto {
  @ApiProperty() revoked: number;
}

@ApiTags('me')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('me/sessions')
export class MySessionsController {
  constructor(private readonly sessions: MySessionsService) {}

  @Get()
  @ApiOkResponse({ type: [SessionResponseDto] })
  list(@CurrentActor() actor: Actor): Promise<SessionResponseDto[]> {
    return this.sessions.list(actor);
  }

  @Post('revoke-others')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: RevokedCountDto, description: 'Every other session of the account signed out.' })
  async revokeOthers(@CurrentActor() actor: Actor, @Origin() origin: RequestOrigin): Promise<RevokedCountDto> {
    return { revoked: await this.sessions.revokeOthers(actor, origin) };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async revoke(@CurrentActor() actor: Actor, @IdParam('id', sessionNotFound) id: string, @Origin() origin: RequestOrigin): Promise<void> {
    await this.sessions.revoke(actor, id, origin);
  }
}
