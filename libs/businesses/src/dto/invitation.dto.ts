import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsAccountEmail } from '@portal/common';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { BusinessInvitation } from '../entities/business-invitation.entity';
import { MEMBERSHIP_ROLES, MembershipRole } from '../entities/business-membership.entity';
import { MandateTermsDto } from './mandate-terms.dto';

export class CreateInvitationDto extends MandateTermsDto {
  @ApiProperty({ example: 'collegue@entreprise.nc' })
  @IsAccountEmail()
  email: string;

  @ApiProperty({ enum: ['admin', 'member'], description: '`legal_representative` is only granted by DAJI.' })
  @IsIn(MEMBERSHIP_ROLES)
  role: MembershipRole;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token of the link received by email.' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token: string;
}

/** An invitation as its sender sees it. Never the token. */
export class InvitationResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() businessId: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role: BusinessInvitation['role'];
  @ApiPropertyOptional({ nullable: true, type: [String] }) scopeDirectorates: string[] | null;
  @ApiPropertyOptional({ nullable: true, type: [String] }) scopeServices: string[] | null;
  @ApiPropertyOptional({ nullable: true, description: 'End of the mandate the invitation grants.' }) membershipExpiresAt: string | null;
  @ApiProperty({ description: 'The link works until then (7 days), once.' }) validUntil: string;
  @ApiProperty() invitedBy: string;
  @ApiProperty() createdAt: string;

  static from(i: BusinessInvitation, membershipExpiresAt: Date | null): InvitationResponseDto {
    return {
      id: i.id,
      businessId: i.businessId,
      email: i.email,
      role: i.role,
      scopeDirectorates: i.scopeDirectorates,
      scopeServices: i.scopeServices,
      membershipExpiresAt: membershipExpiresAt?.toISOString() ?? null,
      validUntil: i.expiresAt.toISOString(),
      invitedBy: i.invitedBy,
      createdAt: i.createdAt.toISOString(),
    };
  }
}
