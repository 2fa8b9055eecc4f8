import { ApiProperty } from '@nestjs/swagger';

export class TokenResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Access token lifetime, in seconds.' }) expiresIn: number;
  @ApiProperty() tokenType: 'Bearer';
}
