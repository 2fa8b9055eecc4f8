import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CreateStaffDto, ProfileResponseDto, StaffMemberDto, StaffService } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import { CurrentActor, Origin, Roles } from '@portal/auth';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/agents')
export class AdminAgentsController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @ApiOkResponse({ type: [StaffMemberDto], description: 'Every staff account (agents, supervisors, admins), active or deactivated, by directorate then name.' })
  async list(): Promise<StaffMemberDto[]> {
    return (await this.staff.list()).map((a) => StaffMemberDto.from(a));
  }

  @Post()
  @ApiCreatedResponse({ type: ProfileResponseDto, description: 'Agent or supervisor created; an email invites them to choose a password.' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateStaffDto, @Origin() origin: RequestOrigin): Promise<ProfileResponseDto> {
    return ProfileResponseDto.from(await this.staff.create(actor, dto, origin));
  }

  @Post(':id/deactivate')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StaffMemberDto, description: 'An agent or supervisor deactivated: signed out at once, no new sign-in; audited. Idempotent.' })
  async deactivate(@CurrentActor() actor: Actor, @Param('id') id: string, @Origin() origin: RequestOrigin): Promise<StaffMemberDto> {
    return StaffMemberDto.from(await this.staff.deactivate(actor, id, origin));
  }
}
