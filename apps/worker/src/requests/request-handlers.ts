import { Injectable } from '@nestjs/common';
import { DomainError } from '@portal/common';
import { BusinessLinksService } from '@portal/business-links';
import { HandlesJob, JobHandler } from '@portal/queue';
import { DeadlinesService, IntakeService, IssuedDocumentsService, RequestNotifier } from '@portal/requests';

// A CONFLICT means another delivery of the same job (or a person) changed the file first: the
// effect is already there, so the job is done.
async function unlessAlreadyDone(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'CONFLICT' || error.code === 'TRANSITION_NOT_ALLOWED')) return;
    throw error;
  }
}

@Injectable()
@JobHandler('request.intake')
export class IntakeHandler implements HandlesJob<'request.intake'> {
  constructor(private readonly intake: IntakeService) {}

  handle({ requestId }: { requestId: string }): Promise<void> {
    return unlessAlreadyDone(() => this.intake.intake(requestId));
  }
}

@Injectable()
@JobHandler('request.deadline')
export class DeadlineHandler implements HandlesJob<'request.deadline'> {
  constructor(private readonly deadlines: DeadlinesService) {}

  async handle({ requestId }: { requestId: string }): Promise<void> {
    await this.deadlines.applyDeadline(requestId);
  }
}

@Injectable()
@JobHandler('request.deadline-reminder')
export class DeadlineReminderHandler implements HandlesJob<'request.deadline-reminder'> {
  constructor(private readonly deadlines: DeadlinesService) {}

  handle({ requestId }: { requestId: string }): Promise<void> {
    return this.deadlines.remindDeadline(requestId);
  }
}

@Injectable()
@JobHandler('request.issue-letter')
export class IssueLetterHandler implements HandlesJob<'request.issue-letter'> {
  constructor(private readonly letters: IssuedDocumentsService) {}

  async handle({ eventId }: { eventId: string }): Promise<void> {
    await this.letters.issue(eventId);
  }
}

@Injectable()
@JobHandler('request.notify')
export class NotifyHandler implements HandlesJob<'request.notify'> {
  constructor(private readonly notifier: RequestNotifier) {}

  handle({ eventId }: { eventId: string }): Promise<void> {
    return this.notifier.notify(eventId);
  }
}

@Injectable()
@JobHandler('business.registry-check')
export class RegistryCheckHandler implements HandlesJob<'business.registry-check'> {
  constructor(private readonly links: BusinessLinksService) {}

  // Throws while the registry is still down, so the job is retried with backoff.
  handle({ businessId }: { businessId: string }): Promise<void> {
    return this.links.checkRegistry(businessId);
  }
}
