import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import request from 'supertest';
import { Account, AccountRole, DirectorateCode, normaliseEmail } from '@portal/accounts';
import { ARGON2_PARAMS } from '@portal/auth';
import { ServiceVersion } from '@portal/catalogue';
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
  // The answer is the same for a taken address (no enumeration): the id is read from the database.
  await request(portal.url)
    .post('/api/auth/register')
    .send({ email, password: GOOD_PASSWORD, firstName: overrides.firstName ?? 'Marie', lastName: overrides.lastName ?? 'Wahnyamalla' })
    .expect(202);
  const mail = await portal.smtp.waitFor((m) => m.to.includes(email) && m.subject.includes('Confirmez'));
  await request(portal.url).post('/api/auth/verify-email').send({ token: tokenFrom(mail) }).expect(204);
  const { id } = await portal.db.manager.findOneByOrFail(Account, { email: normaliseEmail(email) });
  return { email, password: GOOD_PASSWORD, accountId: id };
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

/** A service of the catalogue, straight in the database; tests choose the deadline rule. */
export async function createService(
  portal: TestPortal,
  overrides: Partial<Pick<ServiceVersion, 'directorateCode' | 'deadlineRule' | 'applicantKinds' | 'requiredDocuments' | 'formSchema'>> = {},
): Promise<ServiceVersion> {
  const service = portal.db.manager.create(ServiceVersion, {
    code: `TEST-${randomBytes(4).toString('hex').toUpperCase()}`,
    version: 1,
    directorateCode: 'DEL',
    title: 'Aide de test',
    description: 'Une démarche pour les tests.',
    applicantKinds: ['person'],
    formSchema: {
      version: 1,
      fields: [
        { key: 'loyer', type: 'amount_xpf', label: 'Loyer mensuel', required: true, max: 500_000 },
        { key: 'commune', type: 'commune', label: 'Commune', required: true },
      ],
    },
    requiredDocuments: [],
    deadlineRule: { outcome: 'implicit_rejection', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: true },
    ...overrides,
  });
  await portal.db.manager.insert(ServiceVersion, service);
  return service;
}

export const authHeader = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** A draft filed through the API, already filled in. */
export async function createDraft(portal: TestPortal, token: string, serviceCode: string, data: Record<string, unknown> = { loyer: 85_000, commune: 'Nouméa' }): Promise<{ id: string; version: number }> {
  const res = await request(portal.url).post('/api/requests').set(authHeader(token)).send({ serviceCode, data }).expect(201);
  return res.body as { id: string; version: number };
}
