import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { COUNTER_STORE, CounterStore } from '@portal/infra';

/**
 * Brute-force protection: failed logins are counted per account and per IP in the shared store
 * (Redis, so the limit holds across API instances). Past either limit, attempts are refused before
 * any password is evaluated, until the window passes.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.counters.peek(this.accountKey(email)), this.counters.peek(this.ipKey(ip))]);
    const blocked = [
      account.count >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT ? account.resetInMs : 0,
      address.count >= this.config.LOGIN_MAX_FAILURES_PER_IP ? address.resetInMs : 0,
    ];
    const waitMs = Math.max(...blocked);
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `Trop de tentatives de connexion. Réessayez dans ${Math.ceil(seconds / 60)} minute(s).`,
        { retryAfterSeconds: seconds },
        { 'retry-after': String(seconds) },
      );
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const windowMs = this.config.LOGIN_WINDOW_SECONDS * 1000;
    await Promise.all([this.counters.hit(this.accountKey(email), windowMs), this.counters.hit(this.ipKey(ip), windowMs)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.counters.reset(this.accountKey(email));
  }

  private accountKey(email: string): string {
    return `login-fail:account:${email}`;
  }

  private ipKey(ip: string): string {
    return `login-fail:ip:${ip}`;
  }
}
