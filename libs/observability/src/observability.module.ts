import { DynamicModule, Global, Module } from '@nestjs/common';
import { DatabasePoolMetrics } from './database-pool-metrics';
import { MetricsServer } from './metrics-server';
import { MetricsApp, PortalMetrics } from './portal-metrics';

/** Metrics (and the internal metrics/health listener) for one app: `ObservabilityModule.forRoot('worker')`. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(app: MetricsApp): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [
        {
          provide: PortalMetrics,
          useFactory: () => {
            const metrics = new PortalMetrics();
            metrics.label(app);
            return metrics;
          },
        },
        DatabasePoolMetrics,
        MetricsServer,
      ],
      exports: [PortalMetrics],
    };
  }
}
