import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import { CurrentActor } from '@portal/auth';
import { Ridet } from '@portal/common';
import { BusinessLinkResponseDto, BusinessLinksService, RequestBusinessLinkDto } from '@portal/business-links';

@ApiTags('businesses')
@ApiBearerAuth()
@Controller('me/business-links')
export class BusinessLinksController {
  constructor(private readonly links: BusinessLinksService) {}

  @Post()
  @ApiCreatedResponse({ type: BusinessLinkResponseDto, description: 'A pending link and its DAJI file (a draft to complete and submit).' })
  async create(@CurrentActor() actor: Actor, @Body() dto: RequestBusinessLinkDto): Promise<BusinessLinkResponseDto> {
    const { membership, business, request } = await this.links.requestLink(actor, dto);
    return {
      membershipId: membership.id,
      status: membership.status,
      role: membership.role,
      businessId: business.id,
      ridet: Ridet.parse(business.ridet).format(),
      legalName: business.legalName,
      registryStatus: business.registryStatus,
      requestId: request.id,
      nextSteps:
        "Joignez un justificatif de pouvoir (type « justificatif_pouvoir ») à la demande, puis déposez-la : la DAJI vérifiera votre lien avec l'entreprise.",
    };
  }
}
