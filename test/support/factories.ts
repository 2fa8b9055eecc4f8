import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import request from 'supertest';
import { Account, AccountRole, DirectorateCode, normaliseEmail } from '@portal/accounts';
import { ARGON2_PARAMS, totpCode } from '@portal/auth';
import { ServiceVersion } from '@portal/catalogue';
import { Request } from '@portal/requests';
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

export interface SignedInTokens {
  accessToken: string;
  refreshToken: string;
}

/** TOTP secrets of the accounts these factories enrolled (staff at their first sign-in), by email. */
const secondFactors = new Map<string, string>();

/** A secret a test enrolled itself, so that later factory sign-ins of the account can give codes. */
export function rememberTotpSecret(email: string, secret: string): void {
  secondFactors.set(email, secret);
}

/** The secret a factory sign-in enrolled for this account (tests that give codes themselves). */
export function totpSecretOf(email: string): string | undefined {
  return secondFactors.get(email);
}

/**
 * The current code for an account the factories know the secret of. Codes are single-use per time
 * step: so that tests may sign the same person in many times a minute, the account's last used step
 * is forgotten in the database first (the replay rule itself is tested in second-factor.e2e-spec).
 */
export async function nextTotpCode(portal: TestPortal, email: string): Promise<string> {
  const secret = secondFactors.get(email);
  if (!secret) throw new Error(`no second factor enrolled by the factories for ${email}`);
  await portal.db.query(`UPDATE account_mfa SET last_used_step = NULL WHERE account_id = (SELECT id FROM accounts WHERE email = $1)`, [normaliseEmail(email)]);
  return totpCode(secret);
}

/**
 * Signs in through the API. Staff (and anyone with a second factor) get a challenge: the first time,
 * the factory enrols a TOTP app through the API and keeps its secret; later, it gives a fresh code.
 */
export async function login(portal: TestPortal, credentials: Pick<Credentials, 'email' | 'password'>): Promise<SignedInTokens> {
  const response = await request(portal.url).post('/api/auth/login').send({ email: credentials.email, password: credentials.password }).expect(200);
  const body = response.body as SignedInTokens | { mfaRequired: true; enrolmentRequired: boolean; mfaToken: string };
  if (!('mfaRequired' in body)) return body;
  if (body.enrolmentRequired) {
    const enrolment = await request(portal.url).post('/api/auth/mfa/enrolment').send({ mfaToken: body.mfaToken }).expect(200);
    secondFactors.set(credentials.email, (enrolment.body as { secret: string }).secret);
    const confirmed = await request(portal.url)
      .post('/api/auth/mfa/enrolment/confirm')
      .send({ mfaToken: body.mfaToken, code: await nextTotpCode(portal, credentials.email) })
      .expect(200);
    return confirmed.body as SignedInTokens;
  }
  const verified = await request(portal.url)
    .post('/api/auth/mfa/verify')
    .send({ mfaToken: body.mfaToken, code: await nextTotpCode(portal, credentials.email) })
    .expect(200);
  return verified.body as SignedInTokens;
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

/** A submitted file written straight to the database (in review unless `values` say otherwise): worklist and load tests. */
export async function insertFile(portal: TestPortal, service: { id: string; code: string; directorateCode: string }, applicantAccountId: string, values: Partial<Request>): Promise<Request> {
  const row = portal.db.manager.create(Request, {
    serviceVersionId: service.id,
    serviceCode: service.code,
    directorateCode: service.directorateCode as Request['directorateCode'],
    applicantAccountId,
    applicantName: 'Paul Néaoutyine',
    status: 'in_review',
    submittedAt: new Date(),
    data: {},
    ...values,
  });
  await portal.db.manager.insert(Request, row);
  return row;
}
