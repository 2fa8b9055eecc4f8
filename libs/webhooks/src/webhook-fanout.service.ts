import { Injectable } from '@nestjs/common';
import { OutboxService } from '@portal/queue';
import { EntityManager } from 'typeorm';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from './webhook-subscription.entity';

export interface WebhookEvent {
  id: string;
  type: string;
  directorateCode: string;
}

const isWebhookEventType = (type: string): type is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);

/**
 * In the event's own transaction: one delivery per live subscription that wants it, each with its
 * outbox job. Nothing is lost if the worker or Redis is down, and nothing is sent for an event
 * whose transaction rolled back. One statement when nobody subscribed.
 */
@Injectable()
export class WebhookFanout {
  constructor(private readonly outbox: OutboxService) {}

  async record(manager: EntityManager, event: WebhookEvent): Promise<void> {
    if (!isWebhookEventType(event.type)) return;
    const deliveries = (await manager.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_id)
       SELECT s.id, $1 FROM webhook_subscriptions s
        WHERE s.disabled_at IS NULL AND (s.directorate_code IS NULL OR s.directorate_code = $2) AND $3 = ANY(s.event_types)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [event.id, event.directorateCode, event.type],
    )) as Array<{ id: string }>;
    for (const { id } of deliveries) await this.outbox.enqueue(manager, 'webhook.deliver', { deliveryId: id });
  }
}
