import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueueBackend } from '@portal/infra';
import { PortalMetrics } from '@portal/observability';
import { QUEUE_NAMES } from '@portal/queue';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;
// A scrape must not hang on a frozen Redis: the queue series are left out of that scrape instead.
const QUEUE_COUNT_TIMEOUT_MS = 2_000;

/** What only the worker sees: the queues, the outbox and the dead letters, read at scrape time. */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkerMetrics.name);
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly metrics: PortalMetrics,
    private readonly backend: QueueBackend,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    for (const name of QUEUE_NAMES) this.queues.set(name, this.backend.createQueue(name));

    this.metrics.gauge({
      name: 'portal_queue_jobs',
      help: 'Jobs in each queue by state (BullMQ, on Redis or PostgreSQL)',
      labelNames: ['queue', 'state'] as const,
      collect: async (gauge) => {
        for (const [name, queue] of this.queues) {
          const counts = await withTimeout(queue.getJobCounts(...JOB_STATES), QUEUE_COUNT_TIMEOUT_MS).catch((error: Error) => {
            this.logger.warn(`queue ${name} not counted: ${error.message}`);
            return undefined;
          });
          for (const state of JOB_STATES) if (counts) gauge.set({ queue: name, state }, counts[state] ?? 0);
        }
      },
    });

    const outbox = async () =>
      (await this.dataSource.query<Array<{ backlog: number; oldest: number }>>(
        `SELECT count(*)::int AS backlog, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest
           FROM outbox_messages WHERE sent_at IS NULL`,
      ))[0];
    this.metrics.gauge({
      name: 'portal_outbox_backlog',
      help: 'Outbox rows not yet relayed to the queue',
      collect: async (gauge) => gauge.set((await outbox()).backlog),
    });
    this.metrics.gauge({
      name: 'portal_outbox_oldest_age_seconds',
      help: 'Age of the oldest outbox row not yet relayed (0 when none)',
      collect: async (gauge) => gauge.set((await outbox()).oldest),
    });
    this.metrics.gauge({
      name: 'portal_dead_letters',
      help: 'Jobs that failed for good, by state (pending: not replayed yet)',
      labelNames: ['state'] as const,
      collect: async (gauge) => {
        const [row] = await this.dataSource.query<Array<{ pending: number; replayed: number }>>(
          `SELECT count(*) FILTER (WHERE replayed_at IS NULL)::int AS pending, count(*) FILTER (WHERE replayed_at IS NOT NULL)::int AS replayed
             FROM dead_letters`,
        );
        gauge.set({ state: 'pending' }, row.pending);
        gauge.set({ state: 'replayed' }, row.replayed);
      },
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
