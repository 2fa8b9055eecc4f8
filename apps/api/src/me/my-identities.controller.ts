import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import { CurrentActor, LinkedIdentitiesService, LinkedIdentityDto, OidcSignInService, OidcStartResponseDto, Origin } from '@portal/auth';
import { AppConfig } from '@portal/config';
import type { FastifyReply } from 'fastify';
import { setOidcTransactionCookie } from '../auth/auth-cookies';

/** My identities at OpenID Connect providers: listed, linked (through the provider), unlinked. */
@ApiTags('me')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('me/identities')
export class MyIdentitiesController {
  constructor(
    private readonly identities: LinkedIdentitiesService,
    private readonly oidc: OidcSignInService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOkResponse({ type: [LinkedIdentityDto] })
  list(@CurrentActor() actor: Actor): Promise<LinkedIdentityDto[]> {
    return this.identities.list(actor);
  }

  @Post(':provider/link')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OidcStartResponseDto, description: 'As a sign-in start; the callback (POST /api/auth/oidc/:provider/callback) then links instead of signing in.' })
  async link(@CurrentActor() actor: Actor, @Param('provider') provider: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<OidcStartResponseDto> {
    const { authorizationUrl, transaction } = await this.oidc.start(provider, actor);
    setOidcTransactionCookie(reply, transaction, this.config.isProduction);
    return { authorizationUrl };
  }

  @Delete(':provider')
  @HttpCode(HttpStatus.NO_CONTENT)
  async unlink(@CurrentActor() actor: Actor, @Param('provider') provider: string, @Origin() origin: RequestOrigin): Promise<void> {
    await this.identities.unlink(actor, provider, origin);
  }
}
