import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AppConfig } from '@portal/config';
import { QueueBackend } from '@portal/infra';
import { DeadLettersService, HandlesJob, JOB_QUEUES, JobHandler, JobName, QUEUE_NAMES } from '@portal/queue';
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
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: JobHandler.KEY })) {
      const name = this.discovery.getMetadataByDecorator(JobHandler, wrapper);
      if (name) this.handlers.set(name, wrapper.instance as HandlesJob<JobName>);
    }
    const missing = (Object.keys(JOB_QUEUES) as JobName[]).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`No @JobHandler for: ${missing.join(', ')}`);

    for (const queue of QUEUE_NAMES) {
      const worker = this.backend.createWorker(queue, (job: Job) => this.dispatch(job), {
        concurrency: queue === 'letters' ? 1 : this.config.WORKER_CONCURRENCY,
        lockDuration: this.config.JOB_LOCK_MS,
        stalledInterval: this.config.JOB_LOCK_MS,
        // A job whose worker died (killed, out of memory) is retried as often as one that threw.
        maxStalledCount: this.config.JOB_ATTEMPTS,
      });
      worker.on('failed', (job, error) => {
        // BullMQ sets finishedOn only when it gives up: attempts spent, or a job that stalled too often.
        const final = !!job?.finishedOn;
        this.logger[final ? 'error' : 'warn'](`${job?.name}#${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`);
        if (final) {
          const letter = { id: String(job.id), queue, name: job.name, payload: job.data as object, error: error.message, attempts: job.attemptsMade };
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

  private async dispatch(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    await handler.handle(job.data as Parameters<typeof handler.handle>[0], { id: String(job.id), attempt: job.attemptsMade + 1 });
  }
}
