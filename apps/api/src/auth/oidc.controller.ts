import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { RequestOrigin } from '@portal/audit';
import {
  MFA_PENDING_TTL_SECONDS,
  MfaChallengeDto,
  OIDC_TRANSACTION_COOKIE,
  OidcCallbackDto,
  OidcLinkedDto,
  OidcProviderDto,
  OidcSignInService,
  OidcStartResponseDto,
  Origin,
  Public,
  TokenResponseDto,
} from '@portal/auth';
import { AppConfig } from '@portal/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clearOidcTransactionCookie, setOidcTransactionCookie, signedIn } from './auth-cookies';

/** Sign-in with an OpenID Connect provider (see OidcSignInService); linking starts at /api/me/identities. */
@ApiTags('auth')
@Public()
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcSignInService,
    private readonly config: AppConfig,
  ) {}

  @Get('providers')
  @ApiOkResponse({ type: [OidcProviderDto], description: 'The providers configured (none: no button).' })
  providers(): OidcProviderDto[] {
    return this.oidc.providers();
  }

  @Post(':provider/start')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OidcStartResponseDto, description: "Sets the transaction cookie; the browser then goes to the provider's authorization URL." })
  async start(@Param('provider') provider: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<OidcStartResponseDto> {
    const { authorizationUrl, transaction } = await this.oidc.start(provider);
    setOidcTransactionCookie(reply, transaction, this.config.isProduction);
    return { authorizationUrl };
  }

  @Post(':provider/callback')
  @HttpCode(HttpStatus.OK)
  @ApiExtraModels(TokenResponseDto, MfaChallengeDto, OidcLinkedDto)
  @ApiOkResponse({
    description: 'Signed in (tokens and cookies, as a password sign-in), a second-factor challenge, or, when the transaction was a link, the provider linked.',
    schema: { oneOf: [{ $ref: getSchemaPath(TokenResponseDto) }, { $ref: getSchemaPath(MfaChallengeDto) }, { $ref: getSchemaPath(OidcLinkedDto) }] },
  })
  async callback(
    @Param('provider') provider: string,
    @Body() dto: OidcCallbackDto,
    @Req() request: FastifyRequest,
    @Origin() origin: RequestOrigin,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto | MfaChallengeDto | OidcLinkedDto> {
    // Spent whatever the outcome: a transaction serves one answer of the provider.
    clearOidcTransactionCookie(reply);
    const result = await this.oidc.complete(provider, dto.query, request.cookies[OIDC_TRANSACTION_COOKIE], origin);
    if ('linked' in result) return { linkedProvider: result.linked.provider };
    if ('challenge' in result) return { mfaRequired: true, ...result.challenge, expiresIn: MFA_PENDING_TTL_SECONDS };
    return signedIn(reply, result.tokens, result.device, this.config.isProduction);
  }
}
