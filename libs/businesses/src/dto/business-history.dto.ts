import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { historyLabel } from '../business-history';
import { BusinessHistoryEntry } from '../entities/business-history.entity';

export class BusinessHistoryQuery {
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'Le curseur n’est pas valide.' })
  cursor?: string;
}

/** One entry of the business's history, newest first. */
export class BusinessHistoryEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'member_approved' }) type: string;
  @ApiProperty({ example: 'Rattachement approuvé par un gestionnaire' }) label: string;
  @ApiPropertyOptional({ nullable: true }) actorId: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Who acted, or null for DAJI or the system.' }) actorName: string | null;
  @ApiPropertyOptional({ nullable: true }) membershipId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: BusinessHistoryEntry['details'];
  @ApiProperty() at: string;

  static from(e: BusinessHistoryEntry, actorName: string | null): BusinessHistoryEntryDto {
    return {
      id: e.id,
      type: e.type,
      label: historyLabel(e.type),
      actorId: e.actorId,
      actorName,
      membershipId: e.membershipId,
      details: e.details,
      at: e.createdAt.toISOString(),
    };
  }
}

export class BusinessHistoryPageDto {
  @ApiProperty({ type: [BusinessHistoryEntryDto] }) items: BusinessHistoryEntryDto[];
  @ApiPropertyOptional({ nullable: true }) nextCursor: string | null;
}
