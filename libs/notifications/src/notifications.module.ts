import { Module } from '@nestjs/common';
import { EmailService } from './email.service';
import { MailerService } from './mailer.service';
import { NotificationsService } from './notifications.service';

@Module({
  providers: [EmailService, MailerService, NotificationsService],
  exports: [EmailService, MailerService, NotificationsService],
})
export class NotificationsModule {}
