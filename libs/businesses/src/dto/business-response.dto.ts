import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isLive, MANAGER_ROLES } from '../business-access';
import { Business } from '../entities/business.entity';
import { BusinessMembership, MEMBERSHIP_ROLES, MembershipRole } from '../entities/business-membership.entity';
import { displayRidet } from './registry-entry-response.dto';

/** A business's identity, as shown in lists. */
export class BusinessSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '0122531001' }) ridet: string;
  @ApiProperty({ example: '0 122 531 001' }) ridetDisplay: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Null until the registry has answered.' }) legalName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) commune: string | null;
  @ApiProperty({ enum: ['unknown', 'active', 'struck_off'] }) registryStatus: Business['registryStatus'];

  static from(b: Business): BusinessSummaryDto {
    return { id: b.id, ridet: b.ridet, ridetDisplay: displayRidet(b.ridet), legalName: b.legalName, commune: b.commune, registryStatus: b.registryStatus };
  }
}

/** The caller's own mandate for a business. */
export class MandateDto {
  @ApiProperty() membershipId: string;
  @ApiProperty({ enum: MEMBERSHIP_ROLES }) role: MembershipRole;
  @ApiProperty({ enum: ['pending', 'verified'] }) status: 'pending' | 'verified';
  @ApiPropertyOptional({ nullable: true, type: [String], description: 'Null: every directorate.' }) scopeDirectorates: string[] | null;
  @ApiPropertyOptional({ nullable: true, type: [String], description: 'Null: every service.' }) scopeServices: string[] | null;
  @ApiPropertyOptional({ nullable: true }) expiresAt: string | null;
  @ApiPropertyOptional({ nullable: true }) verifiedAt: string | null;
  @ApiProperty({ description: 'May manage members (legal representative or administrator with a live mandate).' }) canManageMembers: boolean;

  static from(m: BusinessMembership): MandateDto {
    return {
      membershipId: m.id,
      role: m.role,
      status: m.status === 'verified' ? 'verified' : 'pending',
      scopeDirectorates: m.scopeDirectorates,
      scopeServices: m.scopeServices,
      expiresAt: m.expiresAt?.toISOString() ?? null,
      verifiedAt: m.verifiedAt?.toISOString() ?? null,
      canManageMembers: isLive(m) && (MANAGER_ROLES as readonly MembershipRole[]).includes(m.role),
    };
  }
}

/** One line of GET /me/businesses: the business and my mandate for it. */
export class MyBusinessDto extends MandateDto {
  @ApiProperty({ type: BusinessSummaryDto }) business: BusinessSummaryDto;

  static fromMembership(m: BusinessMembership & { business: Business }): MyBusinessDto {
    return { ...MandateDto.from(m), business: BusinessSummaryDto.from(m.business) };
  }
}

/** The business profile, for its live members. */
export class BusinessResponseDto extends BusinessSummaryDto {
  @ApiProperty({ example: '0122531' }) rid: string;
  @ApiPropertyOptional({ nullable: true }) legalForm: string | null;
  @ApiPropertyOptional({ nullable: true }) nafCode: string | null;
  @ApiPropertyOptional({ nullable: true }) activityLabel: string | null;
  @ApiPropertyOptional({ nullable: true }) street: string | null;
  @ApiPropertyOptional({ nullable: true }) postcode: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'When the registry was last asked.' }) registryCheckedAt: string | null;
  @ApiProperty({ type: MandateDto }) myMandate: MandateDto;

  static fromProfile(b: Business, mine: BusinessMembership): BusinessResponseDto {
    return {
      ...BusinessSummaryDto.from(b),
      rid: b.rid,
      legalForm: b.legalForm,
      nafCode: b.nafCode,
      activityLabel: b.activityLabel,
      street: b.street,
      postcode: b.postcode,
      registryCheckedAt: b.registryCheckedAt?.toISOString() ?? null,
      myMandate: MandateDto.from(mine),
    };
  }
}
