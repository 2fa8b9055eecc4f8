import { ApiPropertyOptional } from '@nestjs/swagger';
import { normaliseCommune, PROVINCE_SUD_COMMUNES, ProvinceSudCommune } from '@portal/common';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { KeysetPageQuery } from '@portal/requests';
import { CONTRACT_TYPES, ContractType } from '../job-offer-terms';

/** Filters of the public job board. */
export class JobBoardQuery extends KeysetPageQuery {
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
}
