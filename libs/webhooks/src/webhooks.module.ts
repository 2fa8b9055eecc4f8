import { Module } from '@nestjs/common';
import { WebhookSender } from './webhook-sender.service';
import { WebhooksService } from './webhooks.service';

@Module({
  providers: [WebhookSender, WebhooksService],
  exports: [WebhookSender, WebhooksService],
})
export class WebhooksModule {}
