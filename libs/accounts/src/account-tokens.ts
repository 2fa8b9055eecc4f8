import { DomainError, hashSecretToken, newSecretToken } from '@portal/common';
import { EntityManager, IsNull, MoreThan } from 'typeorm';
import { AccountToken, AccountTokenPurpose } from './account-token.entity';

/** Issues a single-use emailed token; returns the clear value to put in the link. */
export async function issueAccountToken(
  manager: EntityManager,
  accountId: string,
  purpose: AccountTokenPurpose,
  ttlSeconds: number,
): Promise<string> {
  const { token, hash } = newSecretToken();
  await manager.insert(AccountToken, {
    accountId,
    purpose,
    tokenHash: hash,
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
  });
  return token;
}

/** Spends a token atomically: exactly one caller can use it, and only before it expires. */
export async function spendAccountToken(manager: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<string> {
  const result = await manager
    .createQueryBuilder()
    .update(AccountToken)
    .set({ usedAt: () => 'now()' })
    .where({ tokenHash: hashSecretToken(token), purpose, usedAt: IsNull(), expiresAt: MoreThan(new Date()) })
    .returning(['accountId'])
    .execute();
  const row = (result.raw as Array<{ account_id: string }>)[0];
  if (!row) throw new DomainError('INVALID_TOKEN');
  return row.account_id;
}
