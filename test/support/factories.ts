import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import request from 'supertest';
import { Account, AccountRole, DirectorateCode } from '@portal/accounts';
import { ARGON2_PARAMS } from '@portal/auth';
import { tokenFrom } from './smtp-sink';
import type { TestPortal } from './test-portal';

export const GOOD_PASSWORD = 'une longue phrase de passe calédonienne';

export function uniqueEmail(label = 'habitant'): string {
  return `${label}.${randomBytes(5).toString('hex')}@example.nc`;
}

export interface Credentials {
  email: string;
  password: string;
  accountId: string;
}

/** Registers through the API and verifies the email with the link actually received by SMTP. */
export async function registerVerified(portal: TestPortal, overrides: Partial<{ email: string; firstName: string; lastName: string }> = {}): Promise<Credentials> {
  const email = overrides.email ?? uniqueEmail();
  const created = await request(portal.url)
    .post('/api/auth/register')
    .send({ email, password: GOOD_PASSWORD, firstName: overrides.firstName ?? 'Marie', lastName: overrides.lastName ?? 'Wahnyamalla' })
    .expect(201);
  const mail = await portal.smtp.waitFor((m) => m.to.includes(email) && m.subject.includes('Confirmez'));
  await request(portal.url).post('/api/auth/verify-email').send({ token: tokenFrom(mail) }).expect(204);
  return { email, password: GOOD_PASSWORD, accountId: created.body.id as string };
}

/** Creates an account directly (staff and admins have no sign-up route). */
export async function createAccount(portal: TestPortal, role: AccountRole, directorateCode: DirectorateCode | null = null): Promise<Credentials> {
  const email = uniqueEmail(role);
  const account = portal.db.manager.create(Account, {
    email,
    passwordHash: await hash(GOOD_PASSWORD, ARGON2_PARAMS),
    role,
    directorateCode,
    firstName: 'Test',
    lastName: role,
    status: 'active',
    emailVerifiedAt: new Date(),
  });
  await portal.db.manager.insert(Account, account);
  return { email, password: GOOD_PASSWORD, accountId: account.id };
}

export async function login(portal: TestPortal, credentials: Pick<Credentials, 'email' | 'password'>): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await request(portal.url).post('/api/auth/login').send({ email: credentials.email, password: credentials.password }).expect(200);
  return response.body as { accessToken: string; refreshToken: string };
}
