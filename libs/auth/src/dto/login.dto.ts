import { ApiProperty } from '@nestjs/swagger';
import { IsAccountEmail } from '@portal/common';
import { IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'habitant.demo@example.nc' })
  @IsAccountEmail()
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(256)
  password: string;
}
