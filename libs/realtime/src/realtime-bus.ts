import { Logger } from '@nestjs/common';
import { createRedisClient } from '@portal/infra';
import type { Redis } from 'ioredis';
import { Client, Pool } from 'pg';
import { REALTIME_CHANNEL, RealtimeMessage } from './realtime-message';

/**
 * Wakes every instance after a commit. At most once, no history: a missed message only delays a
 * client until its next reconnect, which replays from PostgreSQL (Last-Event-ID).
 */
export interface RealtimeBus {
  publish(messages: RealtimeMessage[]): Promise<void>;
  subscribe(handler: (messages: RealtimeMessage[]) => void): Promise<void>;
  close(): Promise<void>;
}

const parse = (raw: string): RealtimeMessage[] => {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? (value as RealtimeMessage[]) : [];
  } catch {
    return [];
  }
};

/** Redis pub/sub: one publishing client, one subscriber connection (ioredis resubscribes after a restart). */
export class RedisRealtimeBus implements RealtimeBus {
  private readonly logger = new Logger('RealtimeBus');
  private readonly publisher: Redis;
  private subscriber?: Redis;

  constructor(
    private readonly url: string,
    private readonly channel: string,
  ) {
    this.publisher = createRedisClient(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 500 }, 'portal-realtime-pub');
  }

  async publish(messages: RealtimeMessage[]): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify(messages)).catch((error: Error) => {
      this.logger.warn(`publish skipped (${error.message}): clients catch up on reconnect`);
    });
  }

  async subscribe(handler: (messages: RealtimeMessage[]) => void): Promise<void> {
    this.subscriber = createRedisClient(this.url, { maxRetriesPerRequest: null, autoResubscribe: true }, 'portal-realtime-sub');
    this.subscriber.on('message', (_channel: string, raw: string) => handler(parse(raw)));
    // Not awaited: with Redis down the API must still start; the subscription happens once it answers.
    void this.subscriber.subscribe(this.channel).catch((error: Error) => this.logger.warn(`subscribe pending: ${error.message}`));
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    this.publisher.disconnect();
  }
}

/** Embedded mode: PostgreSQL LISTEN/NOTIFY (payloads stay far below the 8 kB limit: ids only). */
export class PostgresRealtimeBus implements RealtimeBus {
  private readonly logger = new Logger('RealtimeBus');
  private readonly pool: Pool;
  private listener?: Client;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
  ) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 2, application_name: 'portal-realtime' });
    this.pool.on('error', () => undefined);
  }

  async publish(messages: RealtimeMessage[]): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify(messages)]).catch((error: Error) => {
      this.logger.warn(`notify skipped (${error.message}): clients catch up on reconnect`);
    });
  }

  async subscribe(handler: (messages: RealtimeMessage[]) => void): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'portal-realtime-listen' });
    client.on('notification', (n) => handler(parse(n.payload ?? '[]')));
    client.on('error', () => {
      if (this.closed) return;
      this.logger.warn('LISTEN connection lost; reconnecting');
      setTimeout(() => void this.subscribe(handler).catch(() => undefined), 1_000);
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.listener = client;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}

export const realtimeChannel = (queuePrefix: string): string => `${REALTIME_CHANNEL}_${queuePrefix}`.replace(/[^a-z0-9_]/gi, '_');
