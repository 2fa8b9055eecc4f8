import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Redis } from 'ioredis';

export interface Counter {
  count: number;
  /** Milliseconds until the window resets. */
  resetInMs: number;
}

/** Fixed-window counters shared by every API instance (Redis) or kept per process (memory). */
export interface CounterStore {
  hit(key: string, windowMs: number): Promise<Counter>;
  peek(key: string): Promise<Counter>;
  reset(key: string): Promise<void>;
}

export class MemoryCounterStore implements CounterStore {
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();

  async hit(key: string, windowMs: number): Promise<Counter> {
    const now = Date.now();
    const current = this.counters.get(key);
    const entry = current && current.expiresAt > now ? current : { count: 0, expiresAt: now + windowMs };
    entry.count += 1;
    this.counters.set(key, entry);
    if (this.counters.size > 100_000) this.sweep(now);
    return { count: entry.count, resetInMs: entry.expiresAt - now };
  }

  async peek(key: string): Promise<Counter> {
    const now = Date.now();
    const entry = this.counters.get(key);
    return entry && entry.expiresAt > now ? { count: entry.count, resetInMs: entry.expiresAt - now } : { count: 0, resetInMs: 0 };
  }

  async reset(key: string): Promise<void> {
    this.counters.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.counters) if (entry.expiresAt <= now) this.counters.delete(key);
  }
}

const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }`;

/** A counter's Redis key. Counters are named after people (an email, an IP address): Redis sees a digest. */
export function counterKey(prefix: string, key: string): string {
  return `${prefix}:rl:${createHash('sha256').update(key).digest('base64url')}`;
}

export class RedisCounterStore implements CounterStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async hit(key: string, windowMs: number): Promise<Counter> {
    const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.key(key), windowMs)) as [number, number];
    return { count, resetInMs: Math.max(ttl, 0) };
  }

  async peek(key: string): Promise<Counter> {
    const [count, ttl] = await Promise.all([this.redis.get(this.key(key)), this.redis.pttl(this.key(key))]);
    return { count: Number(count ?? 0), resetInMs: Math.max(ttl, 0) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  private key(key: string): string {
    return counterKey(this.prefix, key);
  }
}

/**
 * Uses the shared store while it answers; when Redis is down or frozen, counts in memory for this
 * instance instead of failing the request or letting it hang. Limits degrade to per-instance, never off.
 */
export class ResilientCounterStore implements CounterStore {
  private readonly logger = new Logger('RateLimit');
  private readonly fallback = new MemoryCounterStore();

  constructor(private readonly primary: CounterStore | null) {}

  hit(key: string, windowMs: number): Promise<Counter> {
    return this.attempt((s) => s.hit(key, windowMs));
  }

  peek(key: string): Promise<Counter> {
    return this.attempt((s) => s.peek(key));
  }

  reset(key: string): Promise<void> {
    return this.attempt((s) => s.reset(key));
  }

  private async attempt<T>(call: (store: CounterStore) => Promise<T>): Promise<T> {
    if (!this.primary) return call(this.fallback);
    try {
      return await call(this.primary);
    } catch (error) {
      this.logger.warn(`shared rate-limit store unavailable, counting in memory: ${(error as Error).message}`);
      return call(this.fallback);
    }
  }
}

/** @nestjs/throttler storage: Redis when configured, falling back to memory when Redis fails. */
export class ResilientThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private readonly fallback = new ThrottlerStorageService();
  private readonly primary: ThrottlerStorageRedisService | null;

  constructor(redis: Redis | null, private readonly prefix: string) {
    this.primary = redis ? new ThrottlerStorageRedisService(redis) : null;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, name: string) {
    const prefixed = `${this.prefix}:throttle:${key}`;
    if (!this.primary) return this.fallback.increment(prefixed, ttl, limit, blockDuration, name);
    try {
      return await this.primary.increment(prefixed, ttl, limit, blockDuration, name);
    } catch (error) {
      this.logger.warn(`shared throttler storage unavailable, counting in memory: ${(error as Error).message}`);
      return this.fallback.increment(prefixed, ttl, limit, blockDuration, name);
    }
  }

  onApplicationShutdown(): void {
    this.fallback.onApplicationShutdown();
  }
}
