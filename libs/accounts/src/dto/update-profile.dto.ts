import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, IsOmittable, NC_POSTCODE, PROVINCE_SUD_COMMUNES, Trim } from '@portal/common';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { CIVILITIES, Civility } from '../account.entity';

/** Every field optional; `null` clears an optional field. Email and password change elsewhere. */
export class UpdateProfileDto {
  @ApiPropertyOptional({ type: String, enum: CIVILITIES, nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsIn(CIVILITIES, { message: 'La civilité doit être « M » ou « Mme ».' })
  civility?: Civility | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional({ type: String, example: '1985-09-24', nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsCalendarDate('La date de naissance doit être au format AAAA-MM-JJ.')
  birthDate?: string | null;

  @ApiPropertyOptional({ type: String, example: '+687 25.12.34', description: 'New Caledonia number: +687 then 6 digits.', nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, example: '12 rue de Sébastopol', nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  addressLine1?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  addressLine2?: string | null;

  @ApiPropertyOptional({ type: String, example: '98800', nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @Matches(NC_POSTCODE, { message: 'Le code postal doit commencer par 988 et compter 5 chiffres.' })
  postcode?: string | null;

  @ApiPropertyOptional({ type: String, enum: PROVINCE_SUD_COMMUNES, nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsIn(PROVINCE_SUD_COMMUNES, { message: "La commune doit être une commune de la province Sud." })
  commune?: string | null;
}
