import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class RefreshDto {
  @ApiPropertyOptional({ description: 'Omit it to use the httpOnly refresh cookie.' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  refreshToken?: string;
}
