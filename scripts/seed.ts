import { hash } from '@node-rs/argon2';
import { Account, AccountRole, Directorate, DirectorateCode } from '@portal/accounts';
import { AccountMfa, ARGON2_PARAMS, MfaCrypto } from '@portal/auth';
import type { AppConfig } from '@portal/config';
import { seedCatalogue } from '@portal/catalogue';
import { DataSource } from 'typeorm';

export interface DemoCredential {
  role: AccountRole;
  email: string;
  password: string;
  directorate?: DirectorateCode;
  /** Staff: the TOTP secret their second factor is seeded with (base32, for an authenticator app). */
  totpSecret?: string;
}

export const DIRECTORATES: ReadonlyArray<{ code: DirectorateCode; name: string }> = [
  { code: 'DEL', name: "Direction de l'Emploi et du Logement" },
  { code: 'DDET', name: 'Direction du Développement Économique et du Tourisme' },
  { code: 'DAJI', name: 'Direction des Affaires Juridiques et Institutionnelles' },
];

/** Shared by every demo account; documented in the README. Never seeded in production. */
export const DEMO_PASSWORD = 'demo-portail-province-sud';

/**
 * The TOTP secret of every demo staff account (staff sign in with a second factor, demo included):
 * printed by the launcher, added to any authenticator app, or used by `npm run demo`. Never in production.
 */
export const DEMO_TOTP_SECRET = 'KVKFKRCPJFHUKU2UJZJEKVCEIVGU6M2U';

const DEMO_ACCOUNTS: ReadonlyArray<Omit<DemoCredential, 'password'> & { firstName: string; lastName: string }> = [
  { role: 'admin', email: 'admin@demo.portail.nc', firstName: 'Alice', lastName: 'Administratrice' },
  ...DIRECTORATES.flatMap(({ code }) => [
    { role: 'agent' as const, email: `agent.${code.toLowerCase()}@demo.portail.nc`, directorate: code, firstName: 'Agent', lastName: code },
    { role: 'supervisor' as const, email: `superviseur.${code.toLowerCase()}@demo.portail.nc`, directorate: code, firstName: 'Superviseur', lastName: code },
  ]),
  { role: 'citizen', email: 'habitant@demo.portail.nc', firstName: 'Marie', lastName: 'Wahnyamalla' },
];

/**
 * Idempotent: directorates and the catalogue always; demo accounts only when `demo` is true (never in
 * production), their staff with a second factor already enrolled (DEMO_TOTP_SECRET, encrypted with
 * the configuration's key).
 */
export async function seed(
  dataSource: DataSource,
  options: { demo: boolean; config?: Pick<AppConfig, 'JWT_SECRET' | 'MFA_ENCRYPTION_KEY'> },
): Promise<DemoCredential[]> {
  await dataSource.createQueryBuilder().insert().into(Directorate).values([...DIRECTORATES]).orUpdate(['name'], ['code']).execute();
  await seedCatalogue(dataSource);
  if (!options.demo) return [];

  const passwordHash = await hash(DEMO_PASSWORD, ARGON2_PARAMS);
  await dataSource
    .createQueryBuilder()
    .insert()
    .into(Account)
    .values(
      DEMO_ACCOUNTS.map((a) => ({
        email: a.email,
        passwordHash,
        role: a.role,
        directorateCode: a.directorate ?? null,
        firstName: a.firstName,
        lastName: a.lastName,
        status: 'active' as const,
        emailVerifiedAt: new Date(),
        ...(a.role === 'citizen' ? { civility: 'Mme' as const, commune: 'Nouméa', postcode: '98800', phone: '+687251234' } : {}),
      })),
    )
    .orIgnore()
    .execute();
  const staff = DEMO_ACCOUNTS.filter((a) => a.role !== 'citizen');
  if (options.config) {
    const crypto = new MfaCrypto(options.config as AppConfig);
    const accounts = (await dataSource.query(`SELECT id FROM accounts WHERE email = ANY($1)`, [staff.map((a) => a.email)])) as Array<{ id: string }>;
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(AccountMfa)
      .values(accounts.map(({ id }) => ({ accountId: id, secretEncrypted: crypto.encrypt(DEMO_TOTP_SECRET, id), confirmedAt: new Date() })))
      .orIgnore()
      .execute();
  }
  return DEMO_ACCOUNTS.map(({ role, email, directorate }) => ({
    role,
    email,
    directorate,
    password: DEMO_PASSWORD,
    ...(role !== 'citizen' && options.config ? { totpSecret: DEMO_TOTP_SECRET } : {}),
  }));
}
