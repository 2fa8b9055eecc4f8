import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { TokenResponseDto } from './token-response.dto';

const CODE = /^\d{6}$/;

/** Sign-in's answer when the password is right and a second factor is still to come. */
export class MfaChallengeDto {
  @ApiProperty({ description: 'Always true: no session yet.' }) mfaRequired: true;
  @ApiProperty({ description: 'True: the account has no second factor yet and must enrol one (staff).' }) enrolmentRequired: boolean;
  @ApiProperty({ description: 'Short-lived token for the /api/auth/mfa routes only.' }) mfaToken: string;
  @ApiProperty({ description: 'Lifetime of mfaToken, in seconds.' }) expiresIn: number;
}

export class MfaTokenDto {
  @ApiProperty() @IsString() @MaxLength(2048)
  mfaToken: string;
}

export class MfaCodeDto {
  @ApiProperty({ example: '123456', description: 'The 6-digit code shown by the authenticator app.' })
  @IsString() @Matches(CODE, { message: 'Le code comporte 6 chiffres.' })
  code: string;
}

export class MfaConfirmDto extends MfaTokenDto {
  @ApiProperty({ example: '123456' }) @IsString() @Matches(CODE, { message: 'Le code comporte 6 chiffres.' })
  code: string;
}

/** A TOTP code or one of the recovery codes, from a signed-in person. */
export class MfaProofDto {
  @ApiPropertyOptional({ example: '123456' }) @IsOptional() @IsString() @Matches(CODE, { message: 'Le code comporte 6 chiffres.' })
  code?: string;

  @ApiPropertyOptional({ example: 'abcde-fghij' }) @IsOptional() @IsString() @MaxLength(32)
  recoveryCode?: string;
}

export class SecondFactorStatusDto {
  @ApiProperty({ description: 'The second factor is on.' }) enabled: boolean;
  @ApiProperty({ description: 'Staff: it is required and cannot be turned off.' }) required: boolean;
}

/** A TOTP code or, when the phone is lost, one of the recovery codes. */
export class MfaVerifyDto extends IntersectionType(MfaTokenDto, MfaProofDto) {}

export class MfaEnrolmentDto {
  @ApiProperty({ description: 'Base32 secret, for typing into the app by hand.' }) secret: string;
  @ApiProperty({ description: 'otpauth:// URI (what the QR code holds).' }) otpauthUrl: string;
  @ApiProperty({ description: 'The QR code, as a PNG data URL.' }) qrCodeDataUrl: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'Single-use recovery codes, shown once: store them safely.' }) recoveryCodes: string[];
}

export class MfaSignedInDto extends TokenResponseDto {
  @ApiPropertyOptional({ type: [String], description: 'After enrolment only: the recovery codes, shown once.' }) recoveryCodes?: string[];
}
