import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';

export class ForgotPasswordDto {
  @ApiProperty()
  @IsEmail({}, { message: "L'adresse électronique n'est pas valide." })
  @MaxLength(254)
  email: string;
}
