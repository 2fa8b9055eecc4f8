import { Injectable } from '@nestjs/common';
import { OutboxService } from '@portal/queue';
import { EntityManager } from 'typeorm';
import type { Request } from './entities/request.entity';

const REMINDER_LEAD_MS = 3 * 24 * 3600 * 1000;

/**
 * Queues the delayed deadline job (and the agent's reminder before it) for a file's current due
 * date. A moved due date queues new jobs; the old ones find the date changed and do nothing. The
 * sweeper catches any deadline whose job was lost with Redis.
 */
@Injectable()
export class DeadlineScheduler {
  constructor(private readonly outbox: OutboxService) {}

  async schedule(manager: EntityManager, request: Pick<Request, 'id' | 'dueAt' | 'submittedAt'>): Promise<void> {
    if (!request.dueAt) return;
    await this.outbox.enqueue(manager, 'request.deadline', { requestId: request.id }, { runAt: request.dueAt });
    const span = request.dueAt.getTime() - (request.submittedAt ?? new Date()).getTime();
    const remindAt = new Date(request.dueAt.getTime() - Math.min(REMINDER_LEAD_MS, span / 2));
    if (remindAt.getTime() > Date.now()) {
      await this.outbox.enqueue(manager, 'request.deadline-reminder', { requestId: request.id }, { runAt: remindAt });
    }
  }
}
