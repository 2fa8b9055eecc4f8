import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@portal/config';
import { chooseBackends } from '@portal/infra';
import { PostgresRealtimeBus, RealtimeBus, realtimeChannel, RedisRealtimeBus } from './realtime-bus';
import { REALTIME_BUS, RealtimePublisher } from './realtime-publisher';

/** Wake-ups between instances: Redis pub/sub in server mode, LISTEN/NOTIFY in embedded mode. */
@Global()
@Module({
  providers: [
    {
      provide: REALTIME_BUS,
      inject: [AppConfig],
      useFactory: (config: AppConfig): RealtimeBus => {
        const channel = realtimeChannel(config.QUEUE_PREFIX);
        return chooseBackends(config).pubsub === 'redis'
          ? new RedisRealtimeBus(config.REDIS_URL!, channel)
          : new PostgresRealtimeBus(config.DATABASE_URL, channel);
      },
    },
    RealtimePublisher,
  ],
  exports: [REALTIME_BUS, RealtimePublisher],
})
export class RealtimeModule implements OnApplicationShutdown {
  constructor(@Inject(REALTIME_BUS) private readonly bus: RealtimeBus) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
