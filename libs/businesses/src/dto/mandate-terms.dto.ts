import { ApiPropertyOptional } from '@nestjs/swagger';
import { DIRECTORATE_CODES, DirectorateCode } from '@portal/accounts';
import { SERVICE_CODE_PATTERN } from '@portal/catalogue';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsString, Matches } from 'class-validator';

/**
 * The scope and end of a mandate. Omitted: unchanged (or none, on creation); null: no
 * restriction (every directorate or service, no end date).
 */
export class MandateTermsDto {
  @ApiPropertyOptional({ enum: DIRECTORATE_CODES, isArray: true, nullable: true, description: 'Null: every directorate.' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty({ message: 'Choisissez au moins une direction, ou aucune restriction (null).' })
  @ArrayUnique({ message: 'Chaque direction ne peut être citée qu’une fois.' })
  @IsIn(DIRECTORATE_CODES, { each: true })
  scopeDirectorates?: DirectorateCode[] | null;

  @ApiPropertyOptional({ type: [String], nullable: true, example: ['DEL-OFFRE-EMPLOI'], description: 'Null: every service (within the directorates).' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty({ message: 'Choisissez au moins une démarche, ou aucune restriction (null).' })
  @ArrayMaxSize(50, { message: 'Cinquante démarches au plus.' })
  @ArrayUnique({ message: 'Chaque démarche ne peut être citée qu’une fois.' })
  @IsString({ each: true })
  @Matches(SERVICE_CODE_PATTERN, { each: true, message: 'Le code d’une démarche s’écrit en majuscules, chiffres et tirets (ex. DEL-OFFRE-EMPLOI).' })
  scopeServices?: string[] | null;

  @ApiPropertyOptional({
    nullable: true,
    example: '2027-06-30',
    description: 'End of the mandate. A date alone means to the end of that day in Nouméa. Null: no end.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string | null;
}
