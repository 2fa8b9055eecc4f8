import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { PortalMetrics } from '@portal/observability';
import { LiveModule } from '../live/live.module';
import { StreamHub } from '../live/stream-hub.service';

/** What only the API sees: its open live streams (SSE). HTTP timings are a Fastify hook (bootstrap.ts). */
@Injectable()
class ApiMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: PortalMetrics,
    private readonly streams: StreamHub,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge({
      name: 'portal_live_streams',
      help: 'Live status streams (SSE) open on this API instance',
      collect: (gauge) => gauge.set(this.streams.size),
    });
  }
}

@Module({ imports: [LiveModule], providers: [ApiMetrics] })
export class ApiMetricsModule {}
