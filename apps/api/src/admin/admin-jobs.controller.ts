import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import { CurrentActor, Roles } from '@portal/auth';
import { IdParam } from '@portal/common';
import { DeadLetter, DeadLettersService } from '@portal/queue';

export class DeadLetterDto {
  @ApiProperty() id: string;
  @ApiProperty() jobId: string;
  @ApiProperty() queue: string;
  @ApiProperty() jobName: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids only.' }) payload: object;
  @ApiProperty() error: string;
  @ApiProperty() attempts: number;
  @ApiProperty() failedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) replayedAt: string | null;

  static from(d: DeadLetter): DeadLetterDto {
    return { ...d, failedAt: d.failedAt.toISOString(), replayedAt: d.replayedAt?.toISOString() ?? null };
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/jobs/dead-letters')
export class AdminJobsController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @ApiOkResponse({ type: [DeadLetterDto] })
  async list(): Promise<DeadLetterDto[]> {
    return (await this.deadLetters.list()).map((d) => DeadLetterDto.from(d));
  }

  @Post(':id/replay')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: DeadLetterDto })
  async replay(@CurrentActor() actor: Actor, @IdParam('id') id: string): Promise<DeadLetterDto> {
    return DeadLetterDto.from(await this.deadLetters.replay(actor.accountId, id));
  }
}
