import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@portal/accounts';
import { DomainError } from '@portal/common';
import { DataSource, EntityManager } from 'typeorm';
import { IdempotencyKey } from './entities/idempotency-key.entity';

const KEY_FORMAT = /^[\x21-\x7e]{8,255}$/;
// A claim older than this whose work never finished (a crashed process) may be taken over.
const ABANDONED_AFTER_SECONDS = 60;

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Idempotency-Key handling (IETF draft, Stripe's semantics): the same key and body replay the
 * stored response; the same key with another body → 422; while the first call runs → 409. The work
 * and the stored response (JSON) commit in one transaction. A refused call (4xx) is not remembered, so the
 * client can fix the file and retry with the same key.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(
    actor: Actor,
    key: string | undefined,
    scope: string,
    body: unknown,
    work: (manager: EntityManager) => Promise<{ status: number; body: T }>,
  ): Promise<IdempotentResult<T>> {
    if (!key || !KEY_FORMAT.test(key)) throw new DomainError('IDEMPOTENCY_KEY_REQUIRED');
    const fingerprint = createHash('sha256').update(`${scope}\n${canonical(body)}`).digest('hex');

    const replay = await this.claim(actor.accountId, key, scope, fingerprint);
    if (replay) return { status: replay.responseStatus!, body: replay.responseBody as T, replayed: true };

    try {
      return await this.dataSource.transaction(async (manager) => {
        const result = await work(manager);
        await manager.query(
          'UPDATE idempotency_keys SET response_status = $1, response_body = $2, completed_at = now() WHERE account_id = $3 AND key = $4',
          [result.status, JSON.stringify(result.body), actor.accountId, key],
        );
        return { ...result, replayed: false };
      });
    } catch (error) {
      await this.dataSource.manager.delete(IdempotencyKey, { accountId: actor.accountId, key });
      throw error;
    }
  }

  /** Returns the stored row to replay, or null once this call owns the key. */
  private async claim(accountId: string, key: string, scope: string, fingerprint: string): Promise<IdempotencyKey | null> {
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKey)
      .values({ accountId, key, scope, fingerprint })
      .orIgnore()
      .returning(['key'])
      .execute();
    if ((inserted.raw as unknown[]).length === 1) return null;

    const existing = await this.dataSource.manager.findOneBy(IdempotencyKey, { accountId, key });
    if (!existing) return this.claim(accountId, key, scope, fingerprint); // deleted meanwhile: try again
    if (existing.fingerprint !== fingerprint) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    if (existing.completedAt) return existing;

    const takenOver = await this.dataSource
      .createQueryBuilder()
      .update(IdempotencyKey)
      .set({ createdAt: () => 'now()' })
      .where('account_id = :accountId AND key = :key AND completed_at IS NULL', { accountId, key })
      .andWhere(`created_at < now() - interval '${ABANDONED_AFTER_SECONDS} seconds'`)
      .execute();
    if (takenOver.affected === 1) return null;
    throw new DomainError('IDEMPOTENCY_IN_PROGRESS');
  }
}
