import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Account } from '@portal/accounts';
import { isLive } from '../business-access';
import { BusinessMembership, MEMBERSHIP_ROLES, MembershipRole } from '../entities/business-membership.entity';

export const MEMBER_STATUSES = ['pending', 'verified', 'expired', 'refused', 'revoked'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** A colleague's mandate, as members of the business see it. */
export class MemberResponseDto {
  @ApiProperty({ description: 'The membership id (used in /members/:membershipId).' }) id: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ example: 'Marie Wahnyamalla' }) name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: MEMBERSHIP_ROLES }) role: MembershipRole;
  @ApiProperty({ enum: MEMBER_STATUSES, description: '`expired`: verified, but past its end date (no access).' }) status: MemberStatus;
  @ApiPropertyOptional({ nullable: true, type: [String] }) scopeDirectorates: string[] | null;
  @ApiPropertyOptional({ nullable: true, type: [String] }) scopeServices: string[] | null;
  @ApiPropertyOptional({ nullable: true }) expiresAt: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['daji', 'business_admin', 'invitation'] }) verifiedVia: BusinessMembership['verifiedVia'];
  @ApiPropertyOptional({ nullable: true }) verifiedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) endedAt: string | null;
  @ApiProperty() createdAt: string;

  static from(m: BusinessMembership & { account: Account }, now = new Date()): MemberResponseDto {
    const expired = m.status === 'verified' && !isLive(m, now);
    return {
      id: m.id,
      accountId: m.accountId,
      name: `${m.account.firstName} ${m.account.lastName}`,
      email: m.account.email,
      role: m.role,
      status: expired ? 'expired' : m.status,
      scopeDirectorates: m.scopeDirectorates,
      scopeServices: m.scopeServices,
      expiresAt: m.expiresAt?.toISOString() ?? null,
      verifiedVia: m.verifiedVia,
      verifiedAt: m.verifiedAt?.toISOString() ?? null,
      endedAt: m.endedAt?.toISOString() ?? null,
      createdAt: m.createdAt.toISOString(),
    };
  }
}
