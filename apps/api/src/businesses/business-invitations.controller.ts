import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import type { RequestOrigin } from '@portal/audit';
import { CurrentActor, Origin } from '@portal/auth';
import { IdParam } from '@portal/common';
import { AcceptInvitationDto, CreateInvitationDto, InvitationResponseDto, InvitationsService, MyBusinessDto } from '@portal/businesses';

@ApiTags('businesses')
@ApiBearerAuth()
@Controller()
export class BusinessInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('businesses/:id/invitations')
  @ApiCreatedResponse({ type: InvitationResponseDto, description: 'The invitation email is on its way; the link works once, for 7 days.' })
  async invite(@CurrentActor() actor: Actor, @IdParam('id', 'BUSINESS_NOT_FOUND') id: string, @Body() dto: CreateInvitationDto, @Origin() origin: RequestOrigin): Promise<InvitationResponseDto> {
    const { invitation, membershipExpiresAt } = await this.invitations.invite(actor, id, dto, origin);
    return InvitationResponseDto.from(invitation, membershipExpiresAt);
  }

  @Get('businesses/:id/invitations')
  @ApiOkResponse({ type: [InvitationResponseDto], description: 'Invitations not yet answered and still valid, newest first (managers only).' })
  async pending(@CurrentActor() actor: Actor, @IdParam('id', 'BUSINESS_NOT_FOUND') id: string): Promise<InvitationResponseDto[]> {
    return (await this.invitations.pending(actor, id)).map((i) => InvitationResponseDto.from(i, i.membershipExpiresAt));
  }

  @Delete('businesses/:id/invitations/:invitationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Invitation withdrawn: its link no longer works.' })
  async cancel(
    @CurrentActor() actor: Actor,
    @IdParam('id', 'BUSINESS_NOT_FOUND') id: string,
    @IdParam('invitationId', 'INVITATION_NOT_FOUND') invitationId: string,
    @Origin() origin: RequestOrigin,
  ): Promise<void> {
    await this.invitations.cancel(actor, id, invitationId, origin);
  }

  @Post('business-invitations/accept')
  @ApiCreatedResponse({ type: MyBusinessDto, description: 'The mandate the invitation granted, verified.' })
  async accept(@CurrentActor() actor: Actor, @Body() dto: AcceptInvitationDto, @Origin() origin: RequestOrigin): Promise<MyBusinessDto> {
    return MyBusinessDto.fromMembership(await this.invitations.accept(actor, dto.token, origin));
  }
}
