import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { withCorrelation } from '@portal/common';
import { AppConfig } from '@portal/config';
import { ADVISORY_LOCKS, OutboxMessage } from '@portal/database';
import { QueueBackend } from '@portal/infra';
import { JobName, OUTBOX_CHANNEL, QUEUE_NAMES, QueueName } from '@portal/queue';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { attemptsOf, jobOptions } from './job-options';

const BATCH_SIZE = 200;
// Relay batches hold the relay lock shared; resending after a queue reset takes it alone, so it waits
// for a batch whose jobs may have gone with the reset to be marked sent before resetting those marks.
const RELAY_LOCK = ADVISORY_LOCKS.outboxRelay;
// How long the queue may take to answer before it counts as down.
const QUEUE_TIMEOUT_MS = 5_000;
// A job relayed longer ago than this and already due has run, or is a dead letter (PostgreSQL).
const RESEND_WINDOW = '1 day';
// A job in one of these states will still run.
const QUEUED_STATES = new Set<string>(['waiting', 'waiting-children', 'prioritized', 'delayed', 'active']);

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * Moves committed outbox rows to the queue. Job id = outbox id, so relaying a row twice (a crash
 * between add and mark) does not create a second job. Rows stay unsent while the queue is down
 * and are relayed once it is back. Several relays can run: rows are claimed with SKIP LOCKED.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private wakeRequested = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly backend: QueueBackend,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const name of QUEUE_NAMES) this.queues.set(name, this.backend.createQueue(name));
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.config.OUTBOX_POLL_MS);
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Relays everything pending now; returns how many rows were handed to the queue. */
  async relayPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const relayed = await this.relayBatch();
      total += relayed;
      if (relayed < BATCH_SIZE) return total;
    }
  }

  /**
   * When the queue forgot its jobs (Redis restarted empty or flushed), hands it again every job that
   * may not have run: delayed ones, and those relayed in the last day. Job id = outbox id and every
   * handler is idempotent, so a job still queued is not added twice and one that ran has no second
   * effect. Returns how many rows go back to the relay.
   */
  async resendIfQueueForgot(): Promise<number> {
    if (!(await this.backend.storeWasReset())) return 0;
    try {
      const affected = await this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [RELAY_LOCK]);
        const result = await manager
          .createQueryBuilder()
          .update(OutboxMessage)
          .set({ sentAt: null })
          .where(`sent_at IS NOT NULL AND (available_at > now() OR sent_at > now() - interval '${RESEND_WINDOW}')`)
          .execute();
        return result.affected ?? 0;
      });
      this.wake();
      return affected;
    } catch (error) {
      // Nothing was handed back: make the next call try again.
      await this.backend.forgetStoreReset().catch(() => undefined);
      throw error;
    }
  }

  /** Which of these relayed jobs the queue still holds, to run later (waiting, delayed, active…). Throws while the queue does not answer. */
  async stillQueued(jobs: Array<{ id: string; queue: QueueName }>): Promise<Set<string>> {
    const state = (job: { id: string; queue: QueueName }) => this.queues.get(job.queue)!.getJobState(job.id);
    const states = await withTimeout(Promise.all(jobs.map(async (job) => [job.id, await state(job)] as const)), QUEUE_TIMEOUT_MS);
    return new Set(states.filter(([, state]) => QUEUED_STATES.has(state)).map(([id]) => id));
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.running = this.relayPending()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`relay paused: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.wakeRequested) {
          this.wakeRequested = false;
          this.wake();
        }
      });
  }

  private relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [RELAY_LOCK]);
      const rows = await manager
        .createQueryBuilder(OutboxMessage, 'm')
        .where('m.sent_at IS NULL')
        .orderBy('m.created_at')
        .limit(BATCH_SIZE)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length === 0) return 0;

      const sent: string[] = [];
      for (const row of rows) {
        try {
          await withTimeout(this.add(row), QUEUE_TIMEOUT_MS);
          sent.push(row.id);
        } catch (error) {
          // The queue is unreachable: keep this row and the rest for the next tick.
          await manager.update(OutboxMessage, row.id, {
            relayAttempts: () => 'relay_attempts + 1',
            lastError: (error as Error).message.slice(0, 500),
          });
          this.logger.warn(`relay paused: ${(error as Error).message}`);
          break;
        }
      }
      if (sent.length > 0) await manager.update(OutboxMessage, sent, { sentAt: () => 'now()' });
      return sent.length;
    });
  }

  /** The job carries the row's correlation id in its data, beside the ids it needs. */
  private add(row: OutboxMessage): Promise<unknown> {
    const queue = this.queues.get(row.queue as QueueName);
    if (!queue) throw new Error(`unknown queue ${row.queue}`);
    return withCorrelation(row.correlationId, async () => {
      const data = row.correlationId ? { ...row.payload, correlationId: row.correlationId } : row.payload;
      const job = await queue.add(row.jobName, data, {
        ...jobOptions(attemptsOf(row.jobName as JobName, this.config)),
        jobId: row.id,
        delay: Math.max(0, row.availableAt.getTime() - Date.now()),
      });
      this.logger.debug(`relayed ${row.jobName}#${row.id} to ${row.queue}`);
      return job;
    });
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'portal-outbox-listener' });
    client.on('error', (error) => {
      this.logger.warn(`outbox listener lost (${error.message}); polling continues`);
      this.listener = undefined;
      setTimeout(() => void this.listen().catch(() => undefined), 2_000);
    });
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn(`cannot LISTEN for outbox wake-ups (${(error as Error).message}); polling only`);
      await client.end().catch(() => undefined);
    }
  }
}
