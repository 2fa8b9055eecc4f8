import { Injectable } from '@nestjs/common';
import { AuthService } from '@portal/auth';
import { HandlesJob, JobHandler } from '@portal/queue';

/** Looks up the address of a "forgotten password" request and emails a reset link if it has an account. */
@Injectable()
@JobHandler('auth.password-reset')
export class PasswordResetHandler implements HandlesJob<'auth.password-reset'> {
  constructor(private readonly auth: AuthService) {}

  handle({ resetRequestId }: { resetRequestId: string }): Promise<void> {
    return this.auth.sendPasswordReset(resetRequestId);
  }
}
