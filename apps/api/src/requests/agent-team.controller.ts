import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Actor, DirectorateCode } from '@portal/accounts';
import { CurrentActor, Roles } from '@portal/auth';
import { AgentTeamService } from '@portal/requests';
import { IsIn, IsOptional } from 'class-validator';
import { TeamMemberDto } from './agent-request.dto';

export class TeamQuery {
  @ApiPropertyOptional({ enum: ['DEL', 'DDET', 'DAJI'], description: 'Admins only: one directorate (default: all).' })
  @IsOptional()
  @IsIn(['DEL', 'DDET', 'DAJI'])
  directorate?: DirectorateCode;
}

/** The directorate's agents and supervisors with their load: assignee names, and whom a supervisor gives a file to. */
@ApiTags('agent')
@ApiBearerAuth()
@Roles('agent', 'supervisor', 'admin')
@Controller('agent/team')
export class AgentTeamController {
  constructor(private readonly team: AgentTeamService) {}

  @Get()
  @ApiOkResponse({ type: [TeamMemberDto] })
  async list(@CurrentActor() actor: Actor, @Query() query: TeamQuery): Promise<TeamMemberDto[]> {
    return (await this.team.team(actor, query)).map((m) => TeamMemberDto.from(m));
  }
}
