import { ApiProperty } from '@nestjs/swagger';
import { formatNcPhone } from '@portal/common';
import { Account, ACCOUNT_ROLES, ACCOUNT_STATUSES, AccountRole, AccountStatus, CIVILITIES } from '../account.entity';

/** What an account holder sees of their own account. Never the password hash. */
export class ProfileResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ACCOUNT_STATUSES }) status: AccountStatus;
  @ApiProperty({ enum: ACCOUNT_ROLES }) role: AccountRole;
  @ApiProperty({ type: String, nullable: true }) directorateCode: string | null;
  @ApiProperty({ type: String, enum: CIVILITIES, nullable: true }) civility: string | null;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ type: String, nullable: true }) birthDate: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'E.164' }) phone: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+687 25.12.34' }) phoneDisplay: string | null;
  @ApiProperty({ type: String, nullable: true }) addressLine1: string | null;
  @ApiProperty({ type: String, nullable: true }) addressLine2: string | null;
  @ApiProperty({ type: String, nullable: true }) postcode: string | null;
  @ApiProperty({ type: String, nullable: true }) commune: string | null;
  @ApiProperty() createdAt: string;

  static from(a: Account): ProfileResponseDto {
    return {
      id: a.id,
      email: a.email,
      status: a.status,
      role: a.role,
      directorateCode: a.directorateCode,
      civility: a.civility,
      firstName: a.firstName,
      lastName: a.lastName,
      birthDate: a.birthDate,
      phone: a.phone,
      phoneDisplay: a.phone ? formatNcPhone(a.phone) : null,
      addressLine1: a.addressLine1,
      addressLine2: a.addressLine2,
      postcode: a.postcode,
      commune: a.commune,
      createdAt: a.createdAt.toISOString(),
    };
  }
}
