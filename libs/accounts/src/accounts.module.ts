import { Module } from '@nestjs/common';
import { NotificationsModule } from '@portal/notifications';
import { AccountsService } from './accounts.service';
import { StaffService } from './staff.service';

@Module({
  imports: [NotificationsModule],
  providers: [AccountsService, StaffService],
  exports: [AccountsService, StaffService],
})
export class AccountsModule {}
