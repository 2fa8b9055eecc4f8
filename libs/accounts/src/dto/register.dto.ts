import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'marie.wahnyamalla@example.nc' })
  @Transform(trim)
  @IsEmail({}, { message: "L'adresse électronique n'est pas valide." })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 12, maxLength: 256, example: 'une phrase de passe bien longue' })
  @IsString()
  @MaxLength(256)
  password: string;

  @ApiProperty({ example: 'Marie' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ example: 'Wahnyamalla' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName: string;
}
