import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type MetricsApp = 'api' | 'worker';

/**
 * The process's Prometheus metrics, in a registry of its own (not prom-client's global one: the
 * tests run an API and a worker in one process). Scraped on METRICS_PORT (see MetricsServer).
 * Gauges that read PostgreSQL, the queue or a stream hub are registered by their app with
 * `gauge({ collect })`, and computed at scrape time only.
 */
@Injectable()
export class PortalMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'portal_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'portal_job_duration_seconds',
    help: 'Job runs by queue, job name and outcome (completed, failed: one attempt)',
    labelNames: ['queue', 'name', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly jobsFailed = new Counter({
    name: 'portal_jobs_failed_total',
    help: 'Failed job attempts by queue and job name (final: also a dead letter)',
    labelNames: ['queue', 'name', 'final'] as const,
    registers: [this.registry],
  });

  readonly emails = new Counter({
    name: 'portal_emails_total',
    help: 'Email sending attempts by outcome (sent, failed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'portal_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (done: delivered or settled, failed: will be retried or dead-lettered)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'portal_' });
  }

  /** Names the process on every series (app="api" or app="worker"). */
  label(app: MetricsApp): void {
    this.registry.setDefaultLabels({ app });
  }

  /** A gauge computed at scrape time; a collect that throws leaves the series out of that scrape. */
  gauge<L extends string>(options: { name: string; help: string; labelNames?: readonly L[]; collect: (gauge: Gauge<L>) => Promise<void> | void }): Gauge<L> {
    const { collect } = options;
    return new Gauge<L>({
      name: options.name,
      help: options.help,
      labelNames: options.labelNames ?? [],
      registers: [this.registry],
      async collect() {
        this.reset();
        await collect(this);
      },
    });
  }
}
