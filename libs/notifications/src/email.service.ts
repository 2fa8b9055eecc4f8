import { Injectable } from '@nestjs/common';
import { OutboxService } from '@portal/queue';
import { EntityManager } from 'typeorm';
import { EmailAttachment, EmailMessage } from './email-message.entity';
import { RenderedEmail } from './email-templates';

/**
 * Queues an email: spool row + outbox row, in the caller's transaction. With an eventId, one email
 * at most per (event, account): a repeated call queues nothing and returns null.
 */
@Injectable()
export class EmailService {
  constructor(private readonly outbox: OutboxService) {}

  async queue(
    manager: EntityManager,
    to: { address: string; accountId?: string; eventId?: string },
    email: RenderedEmail,
    attachments: EmailAttachment[] = [],
  ): Promise<string | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(EmailMessage)
      .values({
        kind: email.kind,
        accountId: to.accountId ?? null,
        eventId: to.eventId ?? null,
        toAddress: to.address,
        subject: email.subject,
        textBody: email.text,
        htmlBody: email.html,
        attachments,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const emailId = (result.raw as Array<{ id: string }>)[0]?.id;
    if (!emailId) return null;
    await this.outbox.enqueue(manager, 'email.send', { emailId });
    return emailId;
  }
}
