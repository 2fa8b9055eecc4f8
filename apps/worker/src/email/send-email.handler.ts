import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EmailMessage, MailerService } from '@portal/notifications';
import { HandlesJob, JobHandler } from '@portal/queue';
import { DataSource } from 'typeorm';

/** Delivers one spooled email over SMTP, once: a sent email is skipped on replay. */
@Injectable()
@JobHandler('email.send')
export class SendEmailHandler implements HandlesJob<'email.send'> {
  private readonly logger = new Logger(SendEmailHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: MailerService,
  ) {}

  async handle({ emailId }: { emailId: string }): Promise<void> {
    const email = await this.dataSource.manager.findOneBy(EmailMessage, { id: emailId });
    if (!email) {
      this.logger.warn(`email ${emailId} not found; nothing to send`);
      return;
    }
    if (email.sentAt || email.textBody === null) return;
    const providerMessageId = await this.mailer.send({
      to: email.toAddress,
      subject: email.subject,
      text: email.textBody,
      html: email.htmlBody ?? undefined,
      messageId: email.id,
    });
    // The body holds single-use links: erase it once delivered.
    await this.dataSource.manager.update(
      EmailMessage,
      { id: email.id },
      { sentAt: () => 'now()', providerMessageId, textBody: null, htmlBody: null },
    );
  }
}
