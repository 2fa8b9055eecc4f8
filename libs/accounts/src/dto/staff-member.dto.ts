import { ApiProperty } from '@nestjs/swagger';
import { Account, ACCOUNT_ROLES, ACCOUNT_STATUSES, AccountRole, AccountStatus } from '../account.entity';
import { DIRECTORATE_CODES, DirectorateCode } from '../directorate.entity';

/** A staff account as admins see it in the staff list: who, which role and directorate, active or not. */
export class StaffMemberDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ enum: ACCOUNT_ROLES }) role: AccountRole;
  @ApiProperty({ type: String, enum: DIRECTORATE_CODES, nullable: true }) directorateCode: DirectorateCode | null;
  @ApiProperty({ type: String, nullable: true, example: "Direction de l'Emploi et du Logement" }) directorateName: string | null;
  @ApiProperty({ enum: ACCOUNT_STATUSES }) status: AccountStatus;
  @ApiProperty() createdAt: string;

  static from(a: Account): StaffMemberDto {
    return {
      id: a.id,
      email: a.email,
      firstName: a.firstName,
      lastName: a.lastName,
      role: a.role,
      directorateCode: a.directorateCode,
      directorateName: a.directorate?.name ?? null,
      status: a.status,
      createdAt: a.createdAt.toISOString(),
    };
  }
}
