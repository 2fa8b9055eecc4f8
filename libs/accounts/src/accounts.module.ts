import { Module } from '@nestjs/common';
import { NotificationsModule } from '@portal/notifications';
import { AccountsService } from './accounts.service';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { StaffService } from './staff.service';

@Module({
  imports: [NotificationsModule],
  providers: [AccountsService, StaffService, AdminBootstrapService],
  exports: [AccountsService, StaffService, AdminBootstrapService],
})
export class AccountsModule {}
