import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ResetPasswordDto {
  @ApiProperty() @IsString() @MinLength(16) @MaxLength(128)
  token: string;

  @ApiProperty({ minLength: 12 }) @IsString() @MaxLength(256)
  password: string;
}
