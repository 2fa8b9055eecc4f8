import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { COUNTER_STORE, CounterStore } from '@portal/infra';

export interface LoginAttempt {
  /** Normalised email the attempt is for. */
  email: string;
  ip: string;
  /** Set when the attempt carries a valid device cookie for this account (see LoginDevices). */
  deviceId: string | null;
}

/**
 * Brute-force protection without lockout of the owner (OWASP device cookies), counted in the shared
 * store (Redis, so limits hold across API instances). An attempt from a device the account signed in
 * from counts against that device only; any other attempt counts per account (untrusted devices) and
 * per IP. Past a limit, attempts are refused before any password is evaluated, until the window passes.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
    private readonly config: AppConfig,
  ) {}

  async assertAllowed(attempt: LoginAttempt): Promise<void> {
    const limits = attempt.deviceId
      ? [[this.deviceKey(attempt.deviceId), this.config.LOGIN_MAX_FAILURES_PER_DEVICE] as const]
      : [[this.accountKey(attempt.email), this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT] as const, [this.ipKey(attempt.ip), this.config.LOGIN_MAX_FAILURES_PER_IP] as const];
    const counters = await Promise.all(limits.map(([key]) => this.counters.peek(key)));
    const waitMs = Math.max(...counters.map((counter, i) => (counter.count >= limits[i][1] ? counter.resetInMs : 0)));
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

  async recordFailure(attempt: LoginAttempt): Promise<void> {
    const windowMs = this.config.LOGIN_WINDOW_SECONDS * 1000;
    const keys = attempt.deviceId ? [this.deviceKey(attempt.deviceId)] : [this.accountKey(attempt.email), this.ipKey(attempt.ip)];
    await Promise.all(keys.map((key) => this.counters.hit(key, windowMs)));
  }

  /**
   * A success clears the device's own failures. The untrusted-device count is left to expire: were the
   * owner's sign-ins to clear it, each would hand an attacker a fresh allowance.
   */
  async recordSuccess(attempt: LoginAttempt): Promise<void> {
    if (attempt.deviceId) await this.counters.reset(this.deviceKey(attempt.deviceId));
  }

  private accountKey(email: string): string {
    return `login-fail:account:${email}`;
  }

  private ipKey(ip: string): string {
    return `login-fail:ip:${ip}`;
  }

  private deviceKey(deviceId: string): string {
    return `login-fail:device:${deviceId}`;
  }
}
