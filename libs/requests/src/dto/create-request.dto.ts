import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

export class CreateRequestDto {
  @ApiProperty({ example: 'DEL-AIDE-LOGEMENT' })
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Z0-9-]+$/, { message: "Le code de démarche n'est pas valide." })
  serviceCode: string;

  @ApiPropertyOptional({ description: 'Answers to the form, possibly partial (a draft).', example: { loyer: 85000 } })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'File on behalf of this business (a live mandate covering the service is required).' })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de l'entreprise n'est pas valide." })
  businessId?: string;
}

/** The answers submitted are the draft's; other fields are refused. */
export class SubmitRequestDto {
  @ApiPropertyOptional({ description: 'The draft version the applicant reviewed; a later edit makes the submission fail with 409.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class UpdateDraftDto {
  @ApiProperty({ description: 'Answers to the form; replaces the previous answers.' })
  @IsObject()
  data: Record<string, unknown>;
}

export class ResubmitRequestDto {
  @ApiPropertyOptional({ description: 'Corrected answers, if the agent asked for some.' })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'A reply to the agent.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  message?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'For each correction asked (field key or document type) left unchanged: why.',
    example: { commune: 'Le logement est bien à Païta.' },
  })
  @IsOptional()
  @IsObject()
  explanations?: Record<string, string>;
}

export class PostMessageDto {
  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'Le message ne peut pas être vide.' })
  @MaxLength(5000)
  body: string;
}
