import { Injectable } from '@nestjs/common';
import { PasswordResetMailer } from '@portal/auth';
import { HandlesJob, JobHandler } from '@portal/queue';

/** Looks up the address of a "forgotten password" request and emails a reset link if it has an account. */
@Injectable()
@JobHandler('auth.password-reset')
export class PasswordResetHandler implements HandlesJob<'auth.password-reset'> {
  constructor(private readonly mailer: PasswordResetMailer) {}

  handle({ resetRequestId }: { resetRequestId: string }): Promise<void> {
    return this.mailer.send(resetRequestId);
  }
}
