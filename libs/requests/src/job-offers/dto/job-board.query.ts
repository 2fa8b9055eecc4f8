import { ApiPropertyOptional } from '@nestjs/swagger';
import { normaliseCommune, PROVINCE_SUD_COMMUNES, ProvinceSudCommune } from '@portal/common';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CONTRACT_TYPES, ContractType } from '../job-offer-terms';

/** Filters of the public job board. */
export class JobBoardQuery {
  @ApiPropertyOptional({ enum: PROVINCE_SUD_COMMUNES, description: 'Accents and case may differ (`noumea`).' })
  @IsOptional()
  // The official spelling when recognised; otherwise left as typed, for IsIn to refuse.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (normaliseCommune(value) ?? value) : value))
  @IsIn(PROVINCE_SUD_COMMUNES, { message: "Cette commune n'est pas une commune de la province Sud." })
  commune?: ProvinceSudCommune;

  @ApiPropertyOptional({ enum: CONTRACT_TYPES })
  @IsOptional()
  @IsIn(CONTRACT_TYPES)
  contractType?: ContractType;

  @ApiPropertyOptional({ description: "Words searched in the offer's title and description." })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
