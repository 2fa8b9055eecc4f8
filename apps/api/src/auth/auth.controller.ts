import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProfileResponseDto, RegisterDto, VerifyEmailDto } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import {
  AuthService,
  CurrentActor,
  ForgotPasswordDto,
  LoginDto,
  Origin,
  Public,
  REFRESH_COOKIE,
  RefreshDto,
  ResetPasswordDto,
  TokenPair,
  TokenResponseDto,
} from '@portal/auth';
import type { Actor } from '@portal/accounts';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clearAuthCookies, setAuthCookies } from './auth-cookies';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('register')
  @ApiCreatedResponse({ type: ProfileResponseDto, description: 'Account created, pending email verification.' })
  async register(@Body() dto: RegisterDto, @Origin() origin: RequestOrigin): Promise<ProfileResponseDto> {
    return ProfileResponseDto.from(await this.auth.register(dto, origin));
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
  @ApiOkResponse({ type: TokenResponseDto })
  async login(
    @Body() dto: LoginDto,
    @Origin() origin: RequestOrigin & { ip: string },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto> {
    return this.respond(reply, await this.auth.login(dto, origin));
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
    return this.respond(reply, await this.auth.refresh(token, origin));
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
  @ApiAcceptedResponse({ description: 'Always 202: if an account exists, an email is on its way.' })
  async forgotPassword(@Body() dto: ForgotPasswordDto, @Origin() origin: RequestOrigin): Promise<{ message: string }> {
    await this.auth.forgotPassword(dto.email, origin);
    return { message: 'Si un compte existe pour cette adresse, un courriel de réinitialisation vient d’être envoyé.' };
  }

  @Public()
  @Post('password/reset')
  @HttpCode(HttpStatus.NO_CONTENT)
  async resetPassword(@Body() dto: ResetPasswordDto, @Origin() origin: RequestOrigin): Promise<void> {
    await this.auth.resetPassword(dto.token, dto.password, origin);
  }

  private respond(reply: FastifyReply, pair: TokenPair): TokenResponseDto {
    setAuthCookies(reply, pair, this.config.isProduction);
    return { accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresIn: pair.expiresIn, tokenType: 'Bearer' };
  }
}
