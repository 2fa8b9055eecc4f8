import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CreateStaffDto, ProfileResponseDto, StaffService } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import { CurrentActor, Origin, Roles } from '@portal/auth';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/agents')
export class AdminAgentsController {
  constructor(private readonly staff: StaffService) {}

  @Post()
  @ApiCreatedResponse({ type: ProfileResponseDto, description: 'Agent or supervisor created; an email invites them to choose a password.' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateStaffDto, @Origin() origin: RequestOrigin): Promise<ProfileResponseDto> {
    return ProfileResponseDto.from(await this.staff.create(actor, dto, origin));
  }
}
