import { Logger } from '@nestjs/common';
import { AppConfig } from '@portal/config';
import {
  createPostgresBackend,
  createRedisBackend,
  Processor,
  Queue,
  withBackend,
  Worker,
  WorkerOptions,
} from 'bullmq';
import type { Redis } from 'ioredis';
import { chooseBackends } from './backends';
import { bullmqSchema } from './bullmq-schema';
import { createRedisClient, FAIL_FAST_REDIS_OPTIONS } from './redis.provider';

type WorkerSettings = Omit<WorkerOptions, 'connection' | 'prefix'>;

/**
 * Builds BullMQ queues and workers on the backend chosen by chooseBackends():
 * Redis in server mode, PostgreSQL (BullMQ 6's backend, schema = QUEUE_PREFIX) in embedded mode.
 */
export class QueueBackend {
  private readonly logger = new Logger(QueueBackend.name);
  private readonly closables: Array<{ close(): Promise<unknown> }> = [];
  private redis?: Redis;
  private markerClient?: Redis;

  constructor(private readonly config: AppConfig) {}

  get kind(): 'redis' | 'postgres' {
    return chooseBackends(this.config).queue;
  }

  createQueue(name: string): Queue {
    const queue = this.kind === 'redis'
      ? new (withBackend(createRedisBackend).Queue)(name, { connection: this.redisConnection(), prefix: this.config.QUEUE_PREFIX })
      : new (withBackend(createPostgresBackend).Queue)(name, { connection: this.postgresConnection() });
    queue.on('error', (error: Error) => this.logger.warn(`queue ${name}: ${error.message}`));
    this.closables.push(queue);
    return queue as unknown as Queue;
  }

  createWorker(name: string, processor: Processor, settings: WorkerSettings): Worker {
    const worker = this.kind === 'redis'
      ? new (withBackend(createRedisBackend).Worker)(name, processor, {
          ...settings,
          connection: this.redisConnection(),
          prefix: this.config.QUEUE_PREFIX,
        })
      : new (withBackend(createPostgresBackend).Worker)(name, processor, {
          ...settings,
          connection: this.postgresConnection(),
        });
    worker.on('error', (error: Error) => this.logger.warn(`worker ${name}: ${error.message}`));
    this.closables.push(worker);
    return worker as unknown as Worker;
  }

  /**
   * Whether the queue's store lost everything since the last call (Redis restarted empty, or
   * flushed): a marker key disappears with the jobs. A fresh store says so once too. Never on
   * PostgreSQL, which forgets nothing. Throws while Redis does not answer.
   */
  async storeWasReset(): Promise<boolean> {
    if (this.kind !== 'redis') return false;
    return (await this.marker().set(this.markerKey, new Date().toISOString(), 'NX')) === 'OK';
  }

  /** Forgets the marker, so that the next storeWasReset() says true again. */
  async forgetStoreReset(): Promise<void> {
    await this.markerClient?.del(this.markerKey);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.closables.splice(0).map((c) => c.close()));
    this.redis?.disconnect();
    this.markerClient?.disconnect();
  }

  private get markerKey(): string {
    return `${this.config.QUEUE_PREFIX}:store-marker`;
  }

  private redisConnection(): Redis {
    // BullMQ requires maxRetriesPerRequest: null; it duplicates this client for blocking calls.
    this.redis ??= createRedisClient(this.config.REDIS_URL!, { maxRetriesPerRequest: null }, 'portal-bullmq');
    this.marker(); // connected by the time it is first asked
    return this.redis;
  }

  private marker(): Redis {
    // Fail fast, no offline queue: a SET sent while Redis is down must not land later, unseen.
    this.markerClient ??= createRedisClient(this.config.REDIS_URL!, FAIL_FAST_REDIS_OPTIONS, 'portal-queue-marker');
    return this.markerClient;
  }

  private postgresConnection(): { connectionString: string; schema: string; migrate: boolean } {
    // migrate: BullMQ creates (or upgrades) its own tables in that schema on first connect.
    return { connectionString: this.config.DATABASE_URL, schema: bullmqSchema(this.config.QUEUE_PREFIX), migrate: true };
  }
}
