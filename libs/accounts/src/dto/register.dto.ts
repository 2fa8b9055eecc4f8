import { ApiProperty } from '@nestjs/swagger';
import { IsAccountEmail, Trim } from '@portal/common';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RegisterDto {
  @ApiProperty({ example: 'marie.wahnyamalla@example.nc' })
  @IsAccountEmail()
  email: string;

  @ApiProperty({ minLength: 12, maxLength: 256, example: 'une phrase de passe bien longue' })
  @IsString()
  @MaxLength(256)
  password: string;

  @ApiProperty({ example: 'Marie' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ example: 'Wahnyamalla' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName: string;
}
