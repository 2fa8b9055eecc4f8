import { Module } from '@nestjs/common';
import { EmailService } from './email.service';
import { MailerService } from './mailer.service';

@Module({ providers: [EmailService, MailerService], exports: [EmailService, MailerService] })
export class NotificationsModule {}
