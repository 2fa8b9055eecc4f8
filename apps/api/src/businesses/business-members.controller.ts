import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import { CurrentActor, Origin } from '@portal/auth';
import { IdParam } from '@portal/common';
import { ApproveMemberDto, MemberResponseDto, MembershipsService, RefuseMemberDto, UpdateMemberDto } from '@portal/businesses';

/**
 * A business's members. Any live member lists them; legal representatives and administrators
 * manage them. Non-members get 404 on every route.
 */
@ApiTags('businesses')
@ApiBearerAuth()
@Controller('businesses/:id/members')
export class BusinessMembersController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get()
  @ApiOkResponse({ type: [MemberResponseDto] })
  async list(@CurrentActor() actor: Actor, @IdParam('id', 'BUSINESS_NOT_FOUND') id: string): Promise<MemberResponseDto[]> {
    return (await this.memberships.list(actor, id)).map((m) => MemberResponseDto.from(m));
  }

  @Patch(':membershipId')
  @ApiOkResponse({ type: MemberResponseDto })
  async update(
    @CurrentActor() actor: Actor,
    @IdParam('id', 'BUSINESS_NOT_FOUND') id: string,
    @IdParam('membershipId', 'MEMBERSHIP_NOT_FOUND') membershipId: string,
    @Body() dto: UpdateMemberDto,
    @Origin() origin: RequestOrigin,
  ): Promise<MemberResponseDto> {
    return MemberResponseDto.from(await this.memberships.update(actor, id, membershipId, dto, origin));
  }

  @Delete(':membershipId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked: the mandate gives no access from now on.' })
  async revoke(@CurrentActor() actor: Actor, @IdParam('id', 'BUSINESS_NOT_FOUND') id: string, @IdParam('membershipId', 'MEMBERSHIP_NOT_FOUND') membershipId: string, @Origin() origin: RequestOrigin): Promise<void> {
    await this.memberships.revoke(actor, id, membershipId, origin);
  }

  @Post(':membershipId/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MemberResponseDto })
  async approve(
    @CurrentActor() actor: Actor,
    @IdParam('id', 'BUSINESS_NOT_FOUND') id: string,
    @IdParam('membershipId', 'MEMBERSHIP_NOT_FOUND') membershipId: string,
    @Body() dto: ApproveMemberDto,
    @Origin() origin: RequestOrigin,
  ): Promise<MemberResponseDto> {
    return MemberResponseDto.from(await this.memberships.approve(actor, id, membershipId, dto, origin));
  }

  @Post(':membershipId/refuse')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MemberResponseDto })
  async refuse(
    @CurrentActor() actor: Actor,
    @IdParam('id', 'BUSINESS_NOT_FOUND') id: string,
    @IdParam('membershipId', 'MEMBERSHIP_NOT_FOUND') membershipId: string,
    @Body() dto: RefuseMemberDto,
    @Origin() origin: RequestOrigin,
  ): Promise<MemberResponseDto> {
    return MemberResponseDto.from(await this.memberships.refuse(actor, id, membershipId, dto, origin));
  }
}
