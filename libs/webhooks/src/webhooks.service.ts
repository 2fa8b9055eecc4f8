import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@portal/accounts';
import { AuditService } from '@portal/audit';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { OutboxService } from '@portal/queue';
import { DataSource, EntityManager } from 'typeorm';
import { isPublicAddress } from './public-address';
import { CreateWebhookDto, RedeliveryDto, WebhookDeliveriesQuery } from './dto/webhook.dto';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WEBHOOK_EVENT_TYPES, WebhookSubscription } from './webhook-subscription.entity';

const DELIVERIES_SHOWN = 100;
const REDELIVERIES_PER_CALL = 10_000;

/** Admins register, list and disable webhook subscriptions, and follow their deliveries. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  /** Returns the subscription with its signing secret, which is never shown again. */
  async create(actor: Actor, dto: CreateWebhookDto): Promise<WebhookSubscription & { secret: string }> {
    this.assertAllowedUrl(dto.url);
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    return this.dataSource.transaction(async (manager) => {
      const subscription = manager.create(WebhookSubscription, {
        url: dto.url,
        description: dto.description ?? null,
        directorateCode: dto.directorateCode ?? null,
        eventTypes: dto.eventTypes ?? [...WEBHOOK_EVENT_TYPES],
        secret,
        createdBy: actor.accountId,
      });
      await manager.insert(WebhookSubscription, subscription);
      await this.audit.record({ action: 'webhook.created', actorId: actor.accountId, target: { type: 'webhook', id: subscription.id }, details: { directorateCode: subscription.directorateCode } }, manager);
      return { ...(await this.find(manager, subscription.id)), secret };
    });
  }

  list(): Promise<WebhookSubscription[]> {
    return this.dataSource.manager.find(WebhookSubscription, { order: { createdAt: 'DESC' } });
  }

  /** Stops every delivery not made yet (they end as failed). Disabling twice changes nothing. */
  disable(actor: Actor, id: string): Promise<WebhookSubscription> {
    return this.dataSource.transaction(async (manager) => {
      const subscription = await this.find(manager, id, true);
      if (subscription.disabledAt) return subscription;
      await manager.update(WebhookSubscription, { id }, { disabledAt: () => 'now()', disabledReason: 'Désactivé par un administrateur.' });
      await this.audit.record({ action: 'webhook.disabled', actorId: actor.accountId, target: { type: 'webhook', id } }, manager);
      return this.find(manager, id);
    });
  }

  /**
   * Replay from a cursor: a receiver that lost what it had accepted gets every delivery of an event
   * after `afterEventId` again, in event order, with the same `webhook-id`s. Queued ones stay queued.
   */
  redeliver(actor: Actor, id: string, afterEventId: string): Promise<RedeliveryDto> {
    return this.dataSource.transaction(async (manager) => {
      const subscription = await this.find(manager, id, true);
      if (subscription.disabledAt) throw new DomainError('CONFLICT', 'Ce webhook est désactivé : il n’envoie plus rien.');
      const [rows] = (await manager.query(
        `UPDATE webhook_deliveries SET status = 'pending'
          WHERE id IN (SELECT id FROM webhook_deliveries WHERE subscription_id = $1 AND event_id > $2 AND status <> 'pending' ORDER BY event_id LIMIT ${REDELIVERIES_PER_CALL})
          RETURNING id, event_id AS "eventId"`,
        [id, afterEventId],
      )) as [Array<{ id: string; eventId: string }>, number];
      rows.sort((a, b) => (BigInt(a.eventId) < BigInt(b.eventId) ? -1 : 1));
      for (const row of rows) await this.outbox.enqueue(manager, 'webhook.deliver', { deliveryId: row.id });
      await this.audit.record({ action: 'webhook.redelivered', actorId: actor.accountId, target: { type: 'webhook', id }, details: { afterEventId, count: rows.length } }, manager);
      return { redelivered: rows.length, lastEventId: rows.at(-1)?.eventId ?? null };
    });
  }

  async deliveries(id: string, query: WebhookDeliveriesQuery): Promise<WebhookDelivery[]> {
    await this.find(this.dataSource.manager, id);
    return this.dataSource.manager.find(WebhookDelivery, {
      where: { subscriptionId: id, ...(query.status ? { status: query.status } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: DELIVERIES_SHOWN,
    });
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<WebhookSubscription> {
    const subscription = await manager.findOne(WebhookSubscription, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!subscription) throw new DomainError('WEBHOOK_NOT_FOUND');
    return subscription;
  }

  /**
   * Early, clear refusals; the sender checks the resolved address again at every connection.
   * https only in production; no literal private, loopback or reserved address unless allowed.
   */
  private assertAllowedUrl(raw: string): void {
    // class-validator's isURL and the WHATWG parser the sender uses do not agree on every string.
    const url = URL.canParse(raw) ? new URL(raw) : null;
    if (!url) throw new DomainError('WEBHOOK_URL_NOT_ALLOWED');
    if (this.config.isProduction && url.protocol !== 'https:') throw new DomainError('WEBHOOK_URL_NOT_ALLOWED');
    if (this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS) return;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const internal = host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && !isPublicAddress(host));
    if (internal) throw new DomainError('WEBHOOK_URL_NOT_ALLOWED');
  }
}
