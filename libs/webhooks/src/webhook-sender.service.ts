import { lookup } from 'node:dns';
import { request as httpRequest, type Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@portal/config';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { isPublicAddress } from './public-address';
import { WebhookDeliveryStatus } from './webhook-delivery.entity';

/** What a receiver gets: facts of the event and its file that never change, ids and codes only — no personal data. */
export interface WebhookBody {
  type: `request.${string}`;
  timestamp: string;
  data: {
    eventId: string;
    eventType: string;
    fromStatus: string | null;
    toStatus: string | null;
    requestId: string;
    reference: string | null;
    serviceCode: string;
    directorateCode: string;
  };
}

interface DeliveryRow {
  status: WebhookDeliveryStatus;
  url: string;
  secret: string;
  disabledAt: Date | null;
  eventId: string;
  eventType: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  occurredAt: Date | null;
  requestId: string | null;
  reference: string | null;
  serviceCode: string | null;
  directorateCode: string | null;
}

/** A 2xx answer, and only that, has no error. */
type Attempt = { statusCode: number | null; error: string | null };

/**
 * Sends one delivery, signed the Standard Webhooks way (`webhook-id` = the delivery id on every
 * attempt, `webhook-timestamp`, `webhook-signature: v1,<HMAC-SHA256>`), and records the outcome.
 * A 2xx delivers; anything else throws so the queue retries with backoff; 410 Gone disables the
 * subscription. At least once: a receiver deduplicates on `webhook-id`.
 */
@Injectable()
export class WebhookSender {
  private readonly logger = new Logger(WebhookSender.name);
  // Connect-time address checks (after DNS resolution, so DNS rebinding cannot reach inside).
  private readonly agents: { http: Agent; https: Agent };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    const options = { allowPrivateIPAddress: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS };
    this.agents = { http: new RequestFilteringHttpAgent(options), https: new RequestFilteringHttpsAgent(options) };
  }

  async deliver(deliveryId: string, attempt: number): Promise<void> {
    const row = await this.load(deliveryId);
    if (!row || row.status === 'delivered') return;
    if (row.disabledAt || !row.requestId) {
      await this.record(deliveryId, 'failed', { statusCode: null, error: row.disabledAt ? 'Abonnement désactivé.' : 'La demande n’existe plus.' });
      return;
    }

    const body = JSON.stringify(bodyOf(row));
    const at = new Date();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'portail-province-sud-webhooks/1',
      'webhook-id': deliveryId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(row.secret).sign(deliveryId, at, body),
    };
    const outcome = await this.post(row.url, headers, body);
    if (outcome.error === null) {
      await this.record(deliveryId, 'delivered', outcome);
      return;
    }
    if (outcome.statusCode === 410) {
      await this.record(deliveryId, 'failed', outcome);
      await this.dataSource.query(
        `UPDATE webhook_subscriptions SET disabled_at = now(), disabled_reason = 'Le destinataire a répondu 410 Gone.' WHERE id = (SELECT subscription_id FROM webhook_deliveries WHERE id = $1) AND disabled_at IS NULL`,
        [deliveryId],
      );
      this.logger.warn(`webhook delivery ${deliveryId}: 410 Gone, subscription disabled`);
      return;
    }
    await this.record(deliveryId, attempt >= this.config.WEBHOOK_ATTEMPTS ? 'failed' : 'pending', outcome);
    throw new Error(`webhook delivery ${deliveryId} failed: ${outcome.error}`);
  }

  private async load(deliveryId: string): Promise<DeliveryRow | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT d.status, s.url, s.secret, s.disabled_at AS "disabledAt", d.event_id AS "eventId", e.type AS "eventType",
              e.from_status AS "fromStatus", e.to_status AS "toStatus", e.created_at AS "occurredAt", r.id AS "requestId",
              r.reference, r.service_code AS "serviceCode", r.directorate_code AS "directorateCode"
         FROM webhook_deliveries d
         JOIN webhook_subscriptions s ON s.id = d.subscription_id
         LEFT JOIN request_events e ON e.id = d.event_id
         LEFT JOIN requests r ON r.id = e.request_id
        WHERE d.id = $1`,
      [deliveryId],
    )) as DeliveryRow[];
    return row;
  }

  private async record(deliveryId: string, status: WebhookDeliveryStatus, outcome: Attempt): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries
          SET status = $2, attempts = attempts + 1, last_status_code = $3, last_error = $4,
              delivered_at = CASE WHEN $2 = 'delivered' THEN now() END
        WHERE id = $1 AND status <> 'delivered'`,
      [deliveryId, status, outcome.statusCode, outcome.error?.slice(0, 500) ?? null],
    );
  }

  /** Never follows redirects; the whole exchange is bounded by WEBHOOK_TIMEOUT_MS. */
  private post(url: string, headers: Record<string, string>, body: string): Promise<Attempt> {
    const target = new URL(url);
    const https = target.protocol === 'https:';
    const send = https ? httpsRequest : httpRequest;
    const failed = (error: Error): Attempt => ({ statusCode: null, error: error.name === 'AbortError' ? `Pas de réponse en ${this.config.WEBHOOK_TIMEOUT_MS} ms.` : error.message });
    const checked = !this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
    // A literal address is never looked up: checked here, in the same notation-proof way as at subscription.
    if (checked && isIP(target.hostname.replace(/^\[(.*)\]$/, '$1')) !== 0 && !isPublicAddress(target.hostname)) {
      return Promise.resolve({ statusCode: null, error: `Adresse ${target.hostname} refusée : elle n’est pas publique.` });
    }
    const lookup = checked ? publicOnlyLookup : undefined;
    return new Promise((resolve) => {
      try {
        const req = send(target, { method: 'POST', headers, lookup, agent: https ? this.agents.https : this.agents.http, signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS) }, (res) => {
          const statusCode = res.statusCode ?? 0;
          res.resume();
          res.on('end', () => resolve({ statusCode, error: statusCode >= 200 && statusCode < 300 ? null : `HTTP ${statusCode}` }));
          res.on('error', (error) => resolve({ statusCode, error: error.message }));
        });
        req.on('error', (error) => resolve(failed(error)));
        req.end(body);
      } catch (error) {
        // The address filter throws at once for a literal IP address (an error event for a name).
        resolve(failed(error as Error));
      }
    });
  }
}

/** DNS resolution that fails when a name resolves to any address that is not public (DNS rebinding included). */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const refused = addresses.find((a) => !isPublicAddress(a.address)) ?? (addresses.length === 0 ? { address: 'aucune adresse' } : undefined);
    if (refused) return callback(new Error(`${hostname} → ${refused.address} : adresse refusée, elle n’est pas publique.`), '');
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

function bodyOf(row: DeliveryRow): WebhookBody {
  return {
    type: `request.${row.eventType!}`,
    timestamp: row.occurredAt!.toISOString(),
    data: {
      eventId: row.eventId,
      eventType: row.eventType!,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      requestId: row.requestId!,
      reference: row.reference,
      serviceCode: row.serviceCode!,
      directorateCode: row.directorateCode!,
    },
  };
}
