import { Injectable } from '@nestjs/common';
import { HandlesJob, JobContext, JobHandler } from '@portal/queue';
import { WebhookSender } from '@portal/webhooks';

@Injectable()
@JobHandler('webhook.deliver')
export class WebhookDeliveryHandler implements HandlesJob<'webhook.deliver'> {
  constructor(private readonly sender: WebhookSender) {}

  handle({ deliveryId }: { deliveryId: string }, { attempt }: JobContext): Promise<void> {
    return this.sender.deliver(deliveryId, attempt);
  }
}
