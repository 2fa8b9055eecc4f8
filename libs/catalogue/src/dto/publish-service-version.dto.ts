import { ApiProperty } from '@nestjs/swagger';
import { DIRECTORATE_CODES, DirectorateCode } from '@portal/accounts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  Max,
  Min,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { SERVICE_CODE_MAX_LENGTH, SERVICE_CODE_PATTERN } from '../service-definition';
import { APPLICANT_KINDS, ApplicantKind } from '../service-version.entity';
import { DeadlineRuleDto } from './deadline-rule.dto';
import { FormSchemaDto } from './form-schema.dto';
import { RequiredDocumentDto } from './required-document.dto';

export class ServiceCodeParamDto {
  @ApiProperty({ example: 'DEL-OFFRE-EMPLOI' })
  @IsString()
  @MaxLength(SERVICE_CODE_MAX_LENGTH)
  @Matches(SERVICE_CODE_PATTERN, { message: 'Le code de la démarche s’écrit en majuscules, chiffres et tirets (ex. DEL-OFFRE-EMPLOI).' })
  code: string;
}

export class ServiceVersionParamDto extends ServiceCodeParamDto {
  @ApiProperty({ example: 2, minimum: 1 })
  @Type(() => Number)
  @IsInt({ message: 'Le numéro de version est un entier.' })
  @Min(1, { message: 'Le numéro de version commence à 1.' })
  @Max(2_147_483_647, { message: 'Ce numéro de version est trop grand.' })
  version: number;
}

/** The whole new version of a service: a published version is never edited, the next one replaces it. */
export class PublishServiceVersionDto {
  @ApiProperty({ example: "Dépôt d'une offre d'emploi" })
  @IsString()
  @MaxLength(200)
  title: string;

  @ApiProperty()
  @IsString()
  @MaxLength(5_000)
  description: string;

  @ApiProperty({ enum: DIRECTORATE_CODES })
  @IsIn(DIRECTORATE_CODES, { message: 'La direction doit être DEL, DDET ou DAJI.' })
  directorateCode: DirectorateCode;

  @ApiProperty({ enum: APPLICANT_KINDS, isArray: true, example: ['business'] })
  @IsArray()
  @ArrayNotEmpty({ message: 'Précisez qui peut faire la démarche : un particulier, une entreprise, ou les deux.' })
  @ArrayUnique({ message: 'Un type de demandeur figure deux fois.' })
  @IsIn(APPLICANT_KINDS, { each: true, message: 'Le type de demandeur doit être « person » ou « business ».' })
  applicantKinds: ApplicantKind[];

  // Checked in depth by validateFormSchema, which names the offending field path.
  @ApiProperty({ type: FormSchemaDto })
  @IsObject()
  formSchema: Record<string, unknown>;

  @ApiProperty({ type: [RequiredDocumentDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RequiredDocumentDto)
  requiredDocuments: RequiredDocumentDto[];

  @ApiProperty({ type: DeadlineRuleDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DeadlineRuleDto)
  deadlineRule: DeadlineRuleDto;

  @ApiProperty({ description: 'False withdraws the service: existing requests keep it, no new ones.' })
  @IsBoolean()
  open: boolean;
}
