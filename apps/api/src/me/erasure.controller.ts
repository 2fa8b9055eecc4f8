import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import { CurrentActor, Origin } from '@portal/auth';
import { EraseAccountDto, ErasureResponseDto, ErasureService } from '@portal/privacy';
import type { FastifyReply } from 'fastify';
import { clearAuthCookies } from '../auth/auth-cookies';

@ApiTags('me')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('me/erasure')
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Erase my account (right to erasure); cannot be undone.',
    description:
      'Residents only, with their current password. Signs out everywhere at once; the email address may register again. ' +
      'Profile, drafts, notifications and invitations are deleted; files submitted to the province are kept with the applicant pseudonymised. ' +
      'A second call is a 401: the session is gone.',
  })
  @ApiOkResponse({ type: ErasureResponseDto })
  @ApiForbiddenResponse({ description: '`WRONG_PASSWORD`; `ERASURE_NOT_ALLOWED` for staff and admins.' })
  async erase(
    @CurrentActor() actor: Actor,
    @Body() dto: EraseAccountDto,
    @Origin() origin: RequestOrigin,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ErasureResponseDto> {
    const result = await this.erasure.erase(actor, dto.password, origin);
    clearAuthCookies(reply);
    return result;
  }
}
