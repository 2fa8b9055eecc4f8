import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class VerifyEmailDto {
  @ApiProperty({ description: 'The token from the link received by email.' })
  @IsString()
  @MinLength(16)
  @MaxLength(128)
  token: string;
}
