import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { JOB_QUEUES, JobName, JobPayloads } from './jobs';

export const OUTBOX_CHANNEL = 'portal_outbox';

export interface EnqueueOptions {
  /** Run no earlier than this instant (a delayed job). */
  runAt?: Date;
}

/** Writes jobs into the outbox, inside the caller's transaction. Never talks to the queue itself. */
@Injectable()
export class OutboxService {
  async enqueue<N extends JobName>(
    manager: EntityManager,
    jobName: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<string> {
    const id = randomUUID();
    // The NOTIFY is delivered at commit only, so the relay wakes once the row is visible;
    // its polling covers a missed wake-up.
    await manager.query(
      `WITH inserted AS (
         INSERT INTO outbox_messages (id, queue, job_name, payload, available_at)
         VALUES ($1, $2, $3, $4, COALESCE($5, now()))
         RETURNING id
       )
       SELECT pg_notify($6, id::text) FROM inserted`,
      [id, JOB_QUEUES[jobName], jobName, JSON.stringify(payload), options.runAt ?? null, OUTBOX_CHANNEL],
    );
    return id;
  }
}
