import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { RequestOrigin } from '@portal/audit';
import {
  DEVICE_COOKIE,
  MfaConfirmDto,
  MfaEnrolmentDto,
  MfaSignedInDto,
  MfaSignInResult,
  MfaSignInService,
  MfaTokenDto,
  MfaVerifyDto,
  Origin,
  Public,
} from '@portal/auth';
import { AppConfig } from '@portal/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setAuthCookies, setDeviceCookie } from './auth-cookies';

/** The second step of a sign-in: public routes, authorised by the pending token sign-in answered with. */
@ApiTags('auth')
@Public()
@Controller('auth/mfa')
export class MfaController {
  constructor(
    private readonly mfa: MfaSignInService,
    private readonly config: AppConfig,
  ) {}

  @Post('enrolment')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MfaEnrolmentDto, description: 'A new TOTP secret and its QR code, to scan with an authenticator app.' })
  enrol(@Body() dto: MfaTokenDto): Promise<MfaEnrolmentDto> {
    return this.mfa.startEnrolment(dto.mfaToken);
  }

  @Post('enrolment/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MfaSignedInDto, description: 'The first code turns the second factor on and signs in; the recovery codes are shown once.' })
  async confirm(@Body() dto: MfaConfirmDto, @Req() request: FastifyRequest, @Origin() origin: RequestOrigin & { ip: string }, @Res({ passthrough: true }) reply: FastifyReply): Promise<MfaSignedInDto> {
    return this.respond(reply, await this.mfa.confirmEnrolment(dto.mfaToken, dto.code, origin, request.cookies[DEVICE_COOKIE]));
  }

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MfaSignedInDto, description: 'Signed in with a TOTP code or a recovery code (each usable once).' })
  async verify(@Body() dto: MfaVerifyDto, @Req() request: FastifyRequest, @Origin() origin: RequestOrigin & { ip: string }, @Res({ passthrough: true }) reply: FastifyReply): Promise<MfaSignedInDto> {
    const proof = { code: dto.code, recoveryCode: dto.recoveryCode };
    return this.respond(reply, await this.mfa.verify(dto.mfaToken, proof, origin, request.cookies[DEVICE_COOKIE]));
  }

  private respond(reply: FastifyReply, result: MfaSignInResult): MfaSignedInDto {
    setAuthCookies(reply, result.tokens, this.config.isProduction);
    setDeviceCookie(reply, result.device, this.config.isProduction);
    const { accessToken, refreshToken, expiresIn } = result.tokens;
    return { accessToken, refreshToken, expiresIn, tokenType: 'Bearer', ...(result.recoveryCodes ? { recoveryCodes: result.recoveryCodes } : {}) };
  }
}
