import { DomainError, normaliseEmail, PG_UNIQUE_VIOLATION, pgErrorCode } from '@portal/common';
import { DeepPartial, EntityManager } from 'typeorm';
import { Account } from './account.entity';

// Re-exported: callers that know accounts find the one email rule (libs/common/src/email.ts) here too.
export { normaliseEmail };

/**
 * Inserts an account under its normalised email. An address already taken is 409 EMAIL_TAKEN; the
 * error leaves the caller's transaction, which rolls back.
 */
export async function insertAccount(manager: EntityManager, values: DeepPartial<Account> & { email: string }): Promise<Account> {
  const account = manager.create(Account, { ...values, email: normaliseEmail(values.email) });
  try {
    await manager.insert(Account, account);
  } catch (error) {
    if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw new DomainError('EMAIL_TAKEN');
    throw error;
  }
  return account;
}
