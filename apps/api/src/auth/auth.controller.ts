import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { RegisterDto, VerifyEmailDto } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import {
  AuthService,
  CurrentActor,
  DEVICE_COOKIE,
  ForgotPasswordDto,
  LoginDto,
  MFA_PENDING_TTL_SECONDS,
  MfaChallengeDto,
  Origin,
  Public,
  REFRESH_COOKIE,
  RefreshDto,
  ResetPasswordDto,
  TokenResponseDto,
} from '@portal/auth';
import type { Actor } from '@portal/accounts';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clearAuthCookies, setAuthCookies, signedIn } from './auth-cookies';

/** The answer that says nothing about which addresses have accounts. */
class NeutralResponseDto {
  @ApiProperty() message: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('register')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({
    type: NeutralResponseDto,
    description: 'Always 202, the same body: a new address gets the verification email, a taken one its owner a notice (no account enumeration).',
  })
  async register(@Body() dto: RegisterDto, @Origin() origin: RequestOrigin): Promise<NeutralResponseDto> {
    await this.auth.register(dto, origin);
    return { message: 'Si cette adresse peut être utilisée, un courriel vient d’y être envoyé : suivez ses indications pour continuer.' };
  }

  @Public()
  @Post('verify-email')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Email verified; the person is signed in (the same cookies as a sign-in).' })
  async verifyEmail(@Body() dto: VerifyEmailDto, @Origin() origin: RequestOrigin, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    setAuthCookies(reply, await this.auth.verifyEmail(dto.token, origin), this.config.isProduction);
  }

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiExtraModels(TokenResponseDto, MfaChallengeDto)
  @ApiOkResponse({
    description: 'Signed in (tokens), or, when a second factor is needed or must be enrolled, an MFA challenge (no session yet).',
    schema: { oneOf: [{ $ref: getSchemaPath(TokenResponseDto) }, { $ref: getSchemaPath(MfaChallengeDto) }] },
  })
  async login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Origin() origin: RequestOrigin & { ip: string },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto | MfaChallengeDto> {
    const result = await this.auth.login(dto, origin, request.cookies[DEVICE_COOKIE]);
    if ('challenge' in result) return { mfaRequired: true, ...result.challenge, expiresIn: MFA_PENDING_TTL_SECONDS };
    return signedIn(reply, result.tokens, result.device, this.config.isProduction);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TokenResponseDto })
  async refresh(
    @Body() dto: RefreshDto,
    @Req() request: FastifyRequest,
    @Origin() origin: RequestOrigin,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto> {
    const token = dto.refreshToken ?? request.cookies[REFRESH_COOKIE];
    if (!token) throw new DomainError('INVALID_TOKEN');
    return signedIn(reply, await this.auth.refresh(token, origin), undefined, this.config.isProduction);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(@CurrentActor() actor: Actor, @Origin() origin: RequestOrigin, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(actor, origin);
    clearAuthCookies(reply);
  }

  @Public()
  @Post('password/forgot')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: NeutralResponseDto, description: 'Always 202, the same body: if an account exists, an email is on its way.' })
  async forgotPassword(@Body() dto: ForgotPasswordDto, @Origin() origin: RequestOrigin): Promise<NeutralResponseDto> {
    await this.auth.forgotPassword(dto.email, origin);
    return { message: 'Si un compte existe pour cette adresse, un courriel de réinitialisation vient d’être envoyé.' };
  }

  @Public()
  @Post('password/reset')
  @HttpCode(HttpStatus.NO_CONTENT)
  async resetPassword(@Body() dto: ResetPasswordDto, @Origin() origin: RequestOrigin): Promise<void> {
    await this.auth.resetPassword(dto.token, dto.password, origin);
  }
}
