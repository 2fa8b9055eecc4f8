import { Module } from '@nestjs/common';
import { BusinessesModule } from '@portal/businesses';
import { BusinessInvitationsController } from './business-invitations.controller';
import { BusinessMembersController } from './business-members.controller';
import { BusinessesController } from './businesses.controller';
import { MyBusinessesController } from './my-businesses.controller';

/** HTTP routes of business profiles: registry lookup, my businesses, members, invitations, history. */
@Module({
  imports: [BusinessesModule],
  controllers: [BusinessesController, MyBusinessesController, BusinessMembersController, BusinessInvitationsController],
})
export class BusinessesApiModule {}
