import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, MaxLength, IsOptional, IsString, ValidateIf } from 'class-validator';
import { MEMBERSHIP_ROLES, MembershipRole } from '../entities/business-membership.entity';
import { MandateTermsDto } from './mandate-terms.dto';

export class UpdateMemberDto extends MandateTermsDto {
  @ApiPropertyOptional({ enum: ['admin', 'member'], description: '`legal_representative` is only granted by DAJI, through a link request.' })
  // Null is not "no change": a role cannot be removed.
  @ValidateIf((o: UpdateMemberDto) => o.role !== undefined)
  @IsIn(MEMBERSHIP_ROLES)
  role?: MembershipRole;
}

/** Approval may narrow the terms the applicant asked for; omitted terms stay as asked. */
export class ApproveMemberDto extends MandateTermsDto {}

export class RefuseMemberDto {
  @ApiPropertyOptional({ description: 'Why; sent to the applicant and kept in the business history.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
