import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
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

  @Post('business-invitations/accept')
  @ApiCreatedResponse({ type: MyBusinessDto, description: 'The mandate the invitation granted, verified.' })
  async accept(@CurrentActor() actor: Actor, @Body() dto: AcceptInvitationDto, @Origin() origin: RequestOrigin): Promise<MyBusinessDto> {
    return MyBusinessDto.fromMembership(await this.invitations.accept(actor, dto.token, origin));
  }
}
