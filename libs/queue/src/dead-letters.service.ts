import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@portal/audit';
import { DomainError } from '@portal/common';
import { DataSource, IsNull } from 'typeorm';
import { DeadLetter } from './dead-letter.entity';
import { JOB_QUEUES, JobName } from './jobs';
import { OutboxService } from './outbox.service';

/** Jobs that failed for good, kept in PostgreSQL so they survive Redis, for admins to see and replay. */
@Injectable()
export class DeadLettersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async record(job: { id: string; queue: string; name: string; payload: object; error: string; attempts: number }): Promise<void> {
    await this.dataSource.manager.insert(DeadLetter, {
      jobId: job.id,
      queue: job.queue,
      jobName: job.name,
      payload: job.payload as DeadLetter['payload'],
      error: job.error.slice(0, 2000),
      attempts: job.attempts,
    });
  }

  list(options: { pendingOnly?: boolean } = {}): Promise<DeadLetter[]> {
    return this.dataSource.manager.find(DeadLetter, {
      where: options.pendingOnly ? { replayedAt: IsNull() } : {},
      order: { failedAt: 'DESC' },
      take: 200,
    });
  }

  /** Queues the job again (a new outbox message, hence a new job id) and marks the letter replayed. */
  async replay(actorId: string, id: string): Promise<DeadLetter> {
    return this.dataSource.transaction(async (manager) => {
      const letter = await manager.findOne(DeadLetter, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!letter) throw new DomainError('NOT_FOUND');
      if (letter.replayedAt) throw new DomainError('CONFLICT', 'Ce travail a déjà été relancé.');
      if (!(letter.jobName in JOB_QUEUES)) throw new DomainError('CONFLICT', 'Ce type de travail n’existe plus.');
      await this.outbox.enqueue(manager, letter.jobName as JobName, letter.payload as never);
      await manager.update(DeadLetter, { id }, { replayedAt: () => 'now()' });
      await this.audit.record({ action: 'job.dead_letter_replayed', actorId, target: { type: 'dead_letter', id } }, manager);
      return manager.findOneByOrFail(DeadLetter, { id });
    });
  }
}
