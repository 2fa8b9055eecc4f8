import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, Min, ValidateNested } from 'class-validator';
import type { DeadlineOutcome, DeadlineRule, DeadlineUnit } from '../deadline-calendar';

const OUTCOMES: readonly DeadlineOutcome[] = ['implicit_rejection', 'implicit_approval', 'none'];
const UNITS: readonly DeadlineUnit[] = ['months', 'working_days', 'days', 'minutes'];

export class DeadlineDurationDto {
  @ApiProperty({ enum: UNITS, example: 'months' })
  @IsIn(UNITS)
  unit: DeadlineUnit;

  @ApiProperty({ example: 2, minimum: 0 })
  @IsInt()
  @Min(0)
  value: number;
}

/** When the province must have decided, and what its silence means (default: rejection after 2 months). */
export class DeadlineRuleDto implements DeadlineRule {
  @ApiProperty({ enum: OUTCOMES, example: 'implicit_rejection' })
  @IsIn(OUTCOMES)
  outcome: DeadlineOutcome;

  @ApiProperty({ type: DeadlineDurationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DeadlineDurationDto)
  duration: DeadlineDurationDto;

  @ApiProperty({ description: 'The deadline stops while the file awaits the applicant’s answer.' })
  @IsBoolean()
  suspendedWhileAwaitingApplicant: boolean;
}
