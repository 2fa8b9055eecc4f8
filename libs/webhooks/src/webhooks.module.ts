import { Module } from '@nestjs/common';
import { WebhookFanout } from './webhook-fanout.service';
import { WebhookSender } from './webhook-sender.service';
import { WebhooksService } from './webhooks.service';

@Module({
  providers: [WebhookFanout, WebhookSender, WebhooksService],
  exports: [WebhookFanout, WebhookSender, WebhooksService],
})
export class WebhooksModule {}
