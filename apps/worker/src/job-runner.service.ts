import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { withCorrelation } from '@portal/common';
import { AppConfig } from '@portal/config';
import { QueueBackend } from '@portal/infra';
import { PortalMetrics } from '@portal/observability';
import { DeadLettersService, HandlesJob, JOB_QUEUES, JobHandler, JobName, QUEUE_NAMES, QueueName } from '@portal/queue';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { Job, Worker } from 'bullmq';

/** Runs one BullMQ worker per queue and dispatches each job to its @JobHandler by name. */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly handlers = new Map<JobName, HandlesJob<JobName>>();
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly backend: QueueBackend,
    private readonly config: AppConfig,
    private readonly deadLetters: DeadLettersService,
    private readonly metrics: PortalMetrics,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: JobHandler.KEY })) {
      const name = this.discovery.getMetadataByDecorator(JobHandler, wrapper);
      if (name) this.handlers.set(name, wrapper.instance as HandlesJob<JobName>);
    }
    const missing = (Object.keys(JOB_QUEUES) as JobName[]).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`No @JobHandler for: ${missing.join(', ')}`);

    for (const queue of QUEUE_NAMES) {
      const worker = this.backend.createWorker(queue, (job: Job) => this.dispatch(job, queue), {
        concurrency: queue === 'letters' ? 1 : this.config.WORKER_CONCURRENCY,
        lockDuration: this.config.JOB_LOCK_MS,
        stalledInterval: this.config.JOB_LOCK_MS,
        // A job whose worker died (killed, out of memory) is retried as often as one that threw.
        maxStalledCount: this.config.JOB_ATTEMPTS,
      });
      worker.on('failed', (job, error) => {
        // BullMQ sets finishedOn only when it gives up: attempts spent, or a job that stalled too often.
        const final = !!job?.finishedOn;
        this.metrics.jobsFailed.inc({ queue, name: job?.name ?? 'unknown', final: String(final) });
        this.logger[final ? 'error' : 'warn'](`${job?.name}#${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`);
        if (final) {
          const letter = { id: String(job.id), queue, name: job.name, payload: withoutCorrelation(job.data), error: error.message, attempts: job.attemptsMade };
          this.deadLetters.record(letter).catch((e: Error) => this.logger.error(`dead letter not recorded: ${e.message}`));
        }
      });
      this.workers.push(worker);
    }
    this.logger.log(`processing ${[...this.handlers.keys()].join(', ')} on ${this.backend.kind}`);
  }

  /** Lets jobs in flight finish (SIGTERM), so nothing is left stalled. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }

  /** Under the correlation id the job inherited (see OutboxRelay.add): its logs and the jobs it queues carry it. */
  private dispatch(job: Job, queue: QueueName): Promise<void> {
    const { correlationId } = job.data as { correlationId?: string };
    // A span per job (a no-op unless OTEL_EXPORTER_OTLP_ENDPOINT is set): its queries are its children.
    return trace.getTracer('portal-worker').startActiveSpan(`job ${job.name}`, async (span) => {
      span.setAttributes({ 'portal.queue': queue, 'portal.job.id': String(job.id), 'portal.job.attempt': job.attemptsMade + 1 });
      if (correlationId) span.setAttribute('portal.correlation_id', correlationId);
      try {
        await withCorrelation(correlationId, () => this.run(job, queue, withoutCorrelation(job.data)));
      } catch (error) {
        // The type only: a message may name a person (an SMTP refusal names the recipient).
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute('error.type', (error as Error).name);
        throw error;
      } finally {
        span.end();
      }
    });
  }

  private async run(job: Job, queue: QueueName, payload: object): Promise<void> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    const done = this.metrics.jobDuration.startTimer({ queue, name: job.name });
    this.logger.debug(`${job.name}#${job.id} started (attempt ${job.attemptsMade + 1})`);
    try {
      await handler.handle(payload as Parameters<typeof handler.handle>[0], { id: String(job.id), attempt: job.attemptsMade + 1 });
      this.logger.debug(`${job.name}#${job.id} completed`);
      done({ outcome: 'completed' });
      this.countEffect(job.name, true);
    } catch (error) {
      done({ outcome: 'failed' });
      this.countEffect(job.name, false);
      throw error;
    }
  }

  /** Emails and webhook deliveries are jobs: their attempts are counted by outcome too. */
  private countEffect(name: string, succeeded: boolean): void {
    if (name === 'email.send') this.metrics.emails.inc({ outcome: succeeded ? 'sent' : 'failed' });
    if (name === 'webhook.deliver') this.metrics.webhookDeliveries.inc({ outcome: succeeded ? 'done' : 'failed' });
  }
}

/** The job's own payload (ids only), as handlers and dead letters know it. */
function withoutCorrelation(data: unknown): object {
  const payload = { ...(data as Record<string, unknown>) };
  delete payload.correlationId;
  return payload;
}
