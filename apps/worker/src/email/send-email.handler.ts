import { setTimeout as sleep } from 'node:timers/promises';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EmailMessage, MailerService } from '@portal/notifications';
import { HandlesJob, JobHandler } from '@portal/queue';
import { DOCUMENT_STORAGE, DocumentStorage } from '@portal/requests';
import { DataSource } from 'typeorm';

// Once the SMTP server accepted an email, a failed job would send it again: the sent mark is
// retried this long (PostgreSQL restarting, failing over) before the job gives up.
const MARK_SENT_PATIENCE_MS = 60_000;

/** Delivers one spooled email over SMTP, once: a sent email is skipped on replay. */
@Injectable()
@JobHandler('email.send')
export class SendEmailHandler implements HandlesJob<'email.send'> {
  private readonly logger = new Logger(SendEmailHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: MailerService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async handle({ emailId }: { emailId: string }): Promise<void> {
    const email = await this.dataSource.manager.findOneBy(EmailMessage, { id: emailId });
    if (!email) {
      this.logger.warn(`email ${emailId} not found; nothing to send`);
      return;
    }
    if (email.sentAt || email.textBody === null) return;
    // Attachments are read from the document storage at sending time: the spool holds keys, not bytes.
    const attachments = await Promise.all(
      email.attachments.map(async (a) => ({ filename: a.fileName, contentType: a.contentType, content: await bytesOf(await this.storage.read(a.storageKey)) })),
    );
    const providerMessageId = await this.mailer.send({
      to: email.toAddress,
      subject: email.subject,
      text: email.textBody,
      html: email.htmlBody ?? undefined,
      messageId: email.id,
      attachments,
    });
    // The body holds single-use links: erase it once delivered.
    await this.patiently(() =>
      this.dataSource.manager.update(EmailMessage, { id: email.id }, { sentAt: () => 'now()', providerMessageId, textBody: null, htmlBody: null }),
    );
  }

  private async patiently(write: () => Promise<unknown>): Promise<void> {
    const deadline = Date.now() + MARK_SENT_PATIENCE_MS;
    for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
      try {
        await write();
        return;
      } catch (error) {
        if (Date.now() + delay > deadline) throw error;
        this.logger.warn(`email sent, but its sent mark could not be written yet (${(error as Error).message}); retrying`);
        await sleep(delay);
      }
    }
  }
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
