import { Global, Inject, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@portal/config';
import type { Redis } from 'ioredis';
import { chooseBackends } from './backends';
import { QueueBackend } from './queue-backend';
import { CounterStore, RedisCounterStore, ResilientCounterStore } from './rate-limit.store';
import { REDIS, redisProvider } from './redis.provider';

export const COUNTER_STORE = Symbol('COUNTER_STORE');

/** Backing services (Redis or PostgreSQL/memory), chosen once by chooseBackends(). */
@Global()
@Module({
  providers: [
    redisProvider,
    { provide: QueueBackend, inject: [AppConfig], useFactory: (config: AppConfig) => new QueueBackend(config) },
    {
      provide: COUNTER_STORE,
      inject: [REDIS, AppConfig],
      useFactory: (redis: Redis | null, config: AppConfig): CounterStore =>
        new ResilientCounterStore(redis ? new RedisCounterStore(redis, config.QUEUE_PREFIX) : null),
    },
  ],
  exports: [REDIS, QueueBackend, COUNTER_STORE],
})
export class InfraModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Backends');

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly queues: QueueBackend,
  ) {}

  onModuleInit(): void {
    const b = chooseBackends(this.config);
    this.logger.log(`queue=${b.queue} pubsub=${b.pubsub} rateLimit=${b.rateLimit} (${b.reason})`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    this.redis?.disconnect();
  }
}
