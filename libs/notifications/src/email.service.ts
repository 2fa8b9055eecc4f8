import { Injectable } from '@nestjs/common';
import { OutboxService } from '@portal/queue';
import { EntityManager } from 'typeorm';
import { EmailMessage } from './email-message.entity';
import { RenderedEmail } from './email-templates';

/** Queues an email: spool row + outbox row, in the caller's transaction. */
@Injectable()
export class EmailService {
  constructor(private readonly outbox: OutboxService) {}

  async queue(manager: EntityManager, to: { address: string; accountId?: string }, email: RenderedEmail): Promise<string> {
    const result = await manager.insert(EmailMessage, {
      kind: email.kind,
      accountId: to.accountId ?? null,
      toAddress: to.address,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
    });
    const emailId = String(result.identifiers[0]!.id);
    await this.outbox.enqueue(manager, 'email.send', { emailId });
    return emailId;
  }
}
