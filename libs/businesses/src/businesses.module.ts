import { Module } from '@nestjs/common';
import { NotificationsModule } from '@portal/notifications';
import { BusinessesService } from './businesses.service';
import { InvitationsService } from './invitations.service';
import { MembershipsService } from './memberships.service';
import { BUSINESS_REGISTRY, businessRegistryProvider } from './registry';

/** Business profiles: the registry, members and their mandates, invitations. */
@Module({
  imports: [NotificationsModule],
  providers: [businessRegistryProvider, BusinessesService, MembershipsService, InvitationsService],
  exports: [BUSINESS_REGISTRY, BusinessesService, MembershipsService, InvitationsService],
})
export class BusinessesModule {}
