import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@portal/config';
import { ADVISORY_LOCKS } from '@portal/database';
import { OutboxService, QueueName } from '@portal/queue';
import { DeadlinesService, DraftExpiryService, IntakeService } from '@portal/requests';
import { DataSource } from 'typeorm';
import { OutboxRelay } from './outbox-relay.service';
import { Retention } from './retention.service';

// One sweeper at a time across every worker: a session-level advisory lock on a dedicated connection.
const SWEEP_LOCK = ADVISORY_LOCKS.sweep;
// Retention deletes run at most this often (from each worker, under the sweep lock).
const PURGE_EVERY_MS = 3_600_000;

interface SweepCounts {
  resent: number;
  deadlines: number;
  requeued: number;
  draftsWarned: number;
  draftsExpired: number;
}

/**
 * The safety net that makes Redis forgettable: periodically hands the queue again the jobs it forgot
 * (Redis restarted empty or flushed), applies deadlines whose delayed job was lost and re-queues
 * intake for files submitted but never taken in; also expires old drafts (with a warning two weeks
 * before) and, hourly, deletes what outlived its retention period. All idempotent.
 */
@Injectable()
export class Sweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Sweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private nextPurgeAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: DeadlinesService,
    private readonly intake: IntakeService,
    private readonly drafts: DraftExpiryService,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
    private readonly retention: Retention,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .then(() => undefined)
        .catch((error: Error) => this.logger.warn(`sweep failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.config.SWEEP_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<SweepCounts> {
    // Session-level lock: taken and released on one dedicated connection, released before the
    // connection goes back to the pool whatever happens, so no pooled connection keeps holding it.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [SWEEP_LOCK])) as [{ locked: boolean }];
      if (!locked) return { resent: 0, deadlines: 0, requeued: 0, draftsWarned: 0, draftsExpired: 0 };
      try {
        return await this.sweepLocked();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [SWEEP_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async sweepLocked(): Promise<SweepCounts> {
    // Redis down: the rest of the sweep needs PostgreSQL only.
    const resent = await this.relay.resendIfQueueForgot().catch((error: Error) => {
      this.logger.warn(`cannot tell whether the queue lost jobs: ${error.message}`);
      return 0;
    });
    const deadlines = await this.deadlines.sweepOverdue();
    const stuck = await this.notWaiting(await this.intake.findStuckSubmissions(this.config.SWEEP_STUCK_AFTER_MS));
    await this.dataSource.transaction(async (manager) => {
      for (const requestId of stuck) await this.outbox.enqueue(manager, 'request.intake', { requestId });
    });
    const drafts = await this.drafts.expireDrafts();
    if (Date.now() >= this.nextPurgeAt) {
      await this.retention.purge();
      this.nextPurgeAt = Date.now() + PURGE_EVERY_MS;
    }
    if (resent + deadlines + stuck.length + drafts.warned + drafts.expired > 0) {
      this.logger.log(`swept: ${resent} job(s) the queue forgot resent, ${deadlines} deadline(s) applied, ${stuck.length} intake(s) re-queued, drafts: ${drafts.warned} warned, ${drafts.expired} expired`);
    }
    return { resent, deadlines, requeued: stuck.length, draftsWarned: drafts.warned, draftsExpired: drafts.expired };
  }

  /**
   * A file late for intake whose job still waits — in the outbox (the queue is down) or in the queue
   * (a backlog) — is late, not lost: no second job, which would only lengthen the backlog.
   */
  private async notWaiting(requestIds: string[]): Promise<string[]> {
    if (requestIds.length === 0) return [];
    const lastJobs = (await this.dataSource.query(
      `SELECT DISTINCT ON (payload->>'requestId') payload->>'requestId' AS "requestId", id, queue, sent_at IS NULL AS "inOutbox"
         FROM outbox_messages
        WHERE job_name = 'request.intake' AND payload->>'requestId' = ANY($1)
        ORDER BY payload->>'requestId', created_at DESC`,
      [requestIds],
    )) as Array<{ requestId: string; id: string; queue: QueueName; inOutbox: boolean }>;
    const relayed = lastJobs.filter((job) => !job.inOutbox);
    const queued = await this.relay.stillQueued(relayed).catch((error: Error) => {
      this.logger.warn(`cannot tell which intakes are still queued (${error.message}): all late ones queued again`);
      return new Set<string>();
    });
    const waiting = new Set(lastJobs.filter((job) => job.inOutbox || queued.has(job.id)).map((job) => job.requestId));
    return requestIds.filter((id) => !waiting.has(id));
  }
}
