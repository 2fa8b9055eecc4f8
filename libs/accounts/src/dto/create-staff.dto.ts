import { ApiProperty } from '@nestjs/swagger';
import { IsAccountEmail, Trim } from '@portal/common';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { DIRECTORATE_CODES, DirectorateCode } from '../directorate.entity';

export const STAFF_ROLES = ['agent', 'supervisor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export class CreateStaffDto {
  @ApiProperty() @IsAccountEmail()
  email: string;

  @ApiProperty() @Trim() @IsString() @MinLength(1) @MaxLength(100)
  firstName: string;

  @ApiProperty() @Trim() @IsString() @MinLength(1) @MaxLength(100)
  lastName: string;

  @ApiProperty({ enum: STAFF_ROLES }) @IsIn(STAFF_ROLES)
  role: StaffRole;

  @ApiProperty({ enum: DIRECTORATE_CODES }) @IsIn(DIRECTORATE_CODES)
  directorateCode: DirectorateCode;
}
