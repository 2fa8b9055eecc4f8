// The worklist benchmark's database: 100,000 accounts (citizens, an admin, 100 agents and 10
// supervisors per directorate) and 1,000,000 requests spread over the three directorates, their
// six services, four years of submissions, every status, due dates and assignees — built with
// INSERT … SELECT generate_series, secondary indexes built after the load (18 s on the development
// VM). The same distribution every time (setseed), so runs compare.
// BENCH_WORKLIST_RESEED=1 rebuilds it. Run alone: `TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register -r tsconfig-paths/register bench/seed-worklist.ts`.
import 'reflect-metadata';
import { hash } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import { ARGON2_PARAMS } from '../libs/auth/src/password.service';
import { freshDatabase, openDatabase } from './support';

export const WORKLIST_DB = 'portal_bench_worklist';
export const WORKLIST_PASSWORD = 'mot de passe de banc de mesure';
export const REQUESTS = Number(process.env.BENCH_WORKLIST_REQUESTS ?? 1_000_000);
export const ACCOUNTS = Number(process.env.BENCH_WORKLIST_ACCOUNTS ?? 100_000);
const AGENTS_PER_DIRECTORATE = 100;
const SUPERVISORS_PER_DIRECTORATE = 10;
const BUSINESSES = 5_000;

const FIRST_NAMES = [
  'Marie', 'Jean', 'Sylvie', 'Pierre', 'Nathalie', 'Joseph', 'Élodie', 'Paul', 'Kiam', 'Wassissi', 'Hnadrune', 'Tjibaou',
  'Léa', 'Hugo', 'Manon', 'Lucas', 'Chloé', 'Nicolas', 'Emma', 'Théo', 'Thi Lan', 'Van Minh', 'Sione', 'Malia',
  'Kalolo', 'Soane', 'Mathilde', 'Rémi', 'Yasmina', 'Karim', 'Anaïs', 'Gaël', 'Ihaia', 'Moana', 'Tehani', 'Aurélie',
  'Wakaé', 'Caroline', 'Patrice', 'Jacqueline',
];
const LAST_NAMES = [
  'Wahnyamalla', 'Gope', 'Wamytan', 'Naisseline', 'Ukeiwé', 'Wéa', 'Kasarhérou', 'Poadja', 'Néaoutyine', 'Goa',
  'Tein', 'Hnepeune', 'Kurtovitch', 'Lafleur', 'Martin', 'Dupont', 'Bernard', 'Petit', 'Robert', 'Richard', 'Durand',
  'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Nguyen', 'Tran', 'Pham', 'Le Van', 'Takamatsu',
  'Tuakoifenua', 'Lakalaka', 'Vakalepu', 'Mulitalo', 'Taputu', 'Tehei', 'Teriierooiterai', 'Pidjot', 'Yeiwéné',
  'Dianou', 'Hmae', 'Wamai', 'Kawa', 'Bouquet', 'Frogier', 'Gomès', 'Thémereau', 'Backès', 'Isnard', 'Ohlen',
  'Santa', 'Vendégou', 'Koindredi', 'Wetta', 'Sakilia', 'Tokotoko', 'Vaitulukina', 'Brial',
];

// Share of the submitted files per service (the three directorates get 45 / 35 / 20 %), and how
// long each service's deadline runs (≈ the seeded rules: 15 and 10 working days, 1 and 2 months).
const SERVICE_MIX: ReadonlyArray<{ code: string; share: number; deadline: string; business: boolean }> = [
  { code: 'DEL-AIDE-LOGEMENT', share: 0.33, deadline: '2 months', business: false },
  { code: 'DEL-OFFRE-EMPLOI', share: 0.12, deadline: '21 days', business: true },
  { code: 'DDET-CREATION-ENTREPRISE', share: 0.25, deadline: '2 months', business: true },
  { code: 'DDET-INVEST-TOURISME', share: 0.1, deadline: '2 months', business: true },
  { code: 'DAJI-COPIE-ACTE', share: 0.14, deadline: '14 days', business: false },
  { code: 'DAJI-LIEN-PRO', share: 0.06, deadline: '1 month', business: false },
];

/** The benchmark database, seeded unless it already holds the expected data (BENCH_WORKLIST_RESEED=1 forces it). */
export async function worklistDatabase(reseed = process.env.BENCH_WORKLIST_RESEED === '1'): Promise<DataSource> {
  if (!reseed) {
    try {
      const existing = await openDatabase(WORKLIST_DB);
      const [{ n }] = (await existing.query(`SELECT count(*)::int AS n FROM requests`)) as [{ n: number }];
      if (n === REQUESTS) {
        // Index changes land as migrations: apply any new one to the seeded data.
        const t0 = Date.now();
        const applied = await existing.runMigrations();
        if (applied.length > 0) console.log(`applied ${applied.map((m) => m.name).join(', ')} to the seeded data in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
        return existing;
      }
      await existing.destroy();
    } catch {
      // not there yet
    }
  }
  const started = Date.now();
  const db = await freshDatabase(WORKLIST_DB);
  await seedWorklist(db);
  console.log(`seeded ${WORKLIST_DB}: ${ACCOUNTS} accounts, ${REQUESTS} requests in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return db;
}

export async function seedWorklist(db: DataSource): Promise<void> {
  const passwordHash = await hash(WORKLIST_PASSWORD, ARGON2_PARAMS);
  const runner = db.createQueryRunner();
  await runner.connect();
  const q = (sql: string, params?: unknown[]) => runner.query(sql, params);
  const step = async (label: string, work: () => Promise<unknown>) => {
    const t0 = Date.now();
    await work();
    console.log(`  ${label.padEnd(48)} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  try {
    // Setup only: foreign keys hold by construction, so skip their per-row triggers.
    await q(`SET session_replication_role = replica`);
    await q(`SET synchronous_commit = off`);
    await q(`SET statement_timeout = 0`);
    await q(`SET maintenance_work_mem = '256MB'`);
    await q(`SELECT setseed(0.42)`);

    const citizens = ACCOUNTS - 3 * (AGENTS_PER_DIRECTORATE + SUPERVISORS_PER_DIRECTORATE) - 1;
    await step(`${ACCOUNTS} accounts`, async () => {
      await q(
        `INSERT INTO accounts (email, password_hash, status, role, directorate_code, first_name, last_name, email_verified_at, created_at)
         SELECT CASE WHEN s.role = 'agent' THEN 'agent' || s.k || '.' || lower(d.code) ELSE 'superviseur' || s.k || '.' || lower(d.code) END || '@bench.portail.nc',
                $1, 'active', s.role, d.code, 'Agent', d.code || ' ' || s.k, now(), now() - interval '5 years'
           FROM (VALUES ('DEL'), ('DDET'), ('DAJI')) d(code)
           CROSS JOIN LATERAL (SELECT 'agent' AS role, k FROM generate_series(1, $2) k UNION ALL SELECT 'supervisor', k FROM generate_series(1, $3) k) s`,
        [passwordHash, AGENTS_PER_DIRECTORATE, SUPERVISORS_PER_DIRECTORATE],
      );
      await q(
        `INSERT INTO accounts (email, password_hash, status, role, first_name, last_name, email_verified_at) VALUES ('admin@bench.portail.nc', $1, 'active', 'admin', 'Admin', 'Banc', now())`,
        [passwordHash],
      );
      await q(
        `INSERT INTO accounts (email, password_hash, status, first_name, last_name, phone, commune, postcode, email_verified_at, created_at)
         SELECT 'habitant' || i || '@bench.portail.nc', $1, 'active', ($2::text[])[1 + i % $4], ($3::text[])[1 + (i * 7919) % $5],
                '+687' || lpad((200000 + i)::text, 6, '0'), 'Nouméa', '98800', now(), now() - random() * interval '5 years'
           FROM generate_series(1, $6) i`,
        [passwordHash, FIRST_NAMES, LAST_NAMES, FIRST_NAMES.length, LAST_NAMES.length, citizens],
      );
    });
    await step(`${BUSINESSES} businesses`, () =>
      q(
        `INSERT INTO businesses (rid, ridet, legal_name, legal_form, commune, registry_status)
         SELECT lpad((1000000 + i)::text, 7, '0'), lpad((1000000 + i)::text, 7, '0') || '001', 'SARL ' || ($1::text[])[1 + i % $2] || ' & Fils ' || i, 'SARL', 'Nouméa', 'active'
           FROM generate_series(1, $3) i`,
        [LAST_NAMES, LAST_NAMES.length, BUSINESSES],
      ),
    );

    // Lookup tables for the big INSERT: numbered citizens, agents and businesses, the service mix.
    await q(`CREATE TEMP TABLE citizen (n int PRIMARY KEY, id uuid, name text)`);
    await q(`INSERT INTO citizen SELECT row_number() OVER (ORDER BY id) - 1, id, first_name || ' ' || last_name FROM accounts WHERE role = 'citizen'`);
    await q(`CREATE TEMP TABLE agent (directorate_code text, n int, id uuid, PRIMARY KEY (directorate_code, n))`);
    await q(`INSERT INTO agent SELECT directorate_code, row_number() OVER (PARTITION BY directorate_code ORDER BY id) - 1, id FROM accounts WHERE role = 'agent'`);
    await q(`CREATE TEMP TABLE biz (n int PRIMARY KEY, id uuid, name text)`);
    await q(`INSERT INTO biz SELECT row_number() OVER (ORDER BY id) - 1, id, legal_name FROM businesses`);
    await q(`CREATE TEMP TABLE mix (code text, lo float8, hi float8, deadline interval, business boolean)`);
    let lo = 0;
    for (const [i, s] of SERVICE_MIX.entries()) {
      const hi = i === SERVICE_MIX.length - 1 ? 2 : lo + s.share; // the last one takes the rounding
      await q(`INSERT INTO mix VALUES ($1, $2, $3, $4::interval, $5)`, [s.code, lo, hi, s.deadline, s.business]);
      lo = hi;
    }

    // Bulk load without secondary indexes, then build them once (what the migrations define).
    const indexes = (await q(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'requests' AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
    )) as Array<{ indexname: string; indexdef: string }>;
    for (const i of indexes) await q(`DROP INDEX "${i.indexname}"`);

    await step(`${REQUESTS} requests`, () =>
      q(
        `INSERT INTO requests (reference, service_version_id, service_code, directorate_code, applicant_account_id, business_id, applicant_name,
                               status, decision_kind, data, version, assignee_id, submitted_at, due_at, awaiting_since, decided_at, created_at, updated_at)
         SELECT CASE WHEN f.status = 'draft' THEN NULL
                     ELSE 'PS-' || extract(year FROM f.submitted_at AT TIME ZONE 'Pacific/Noumea') || '-'
                          || lpad((row_number() OVER (PARTITION BY f.status = 'draft', extract(year FROM f.submitted_at AT TIME ZONE 'Pacific/Noumea') ORDER BY f.submitted_at))::text, 6, '0') END,
                sv.id, f.code, sv.directorate_code, c.id, CASE WHEN f.business THEN b.id END, CASE WHEN f.business THEN b.name ELSE c.name END,
                f.status, CASE WHEN f.status IN ('approved', 'rejected') THEN 'explicit' END, '{"seeded": true}', 3,
                CASE WHEN f.status NOT IN ('draft', 'submitted', 'withdrawn') OR (f.status = 'withdrawn' AND f.r_assign < 0.5) THEN a.id END,
                f.submitted_at, CASE WHEN f.status <> 'draft' THEN f.submitted_at + f.deadline END,
                CASE WHEN f.status = 'awaiting_applicant' THEN f.submitted_at + (now() - f.submitted_at) * 0.5 END,
                CASE WHEN f.status IN ('approved', 'rejected', 'closed', 'withdrawn') THEN f.submitted_at + f.deadline * f.r_assign END,
                COALESCE(f.submitted_at, now() - f.age) - interval '2 days', now() - f.age * 0.1
           FROM (
             SELECT g.*, m.code, m.deadline, m.business,
                    CASE WHEN g.r_status < 0.04 THEN NULL ELSE now() - g.age END AS submitted_at,
                    CASE
                      WHEN g.r_status < 0.04 THEN 'draft'
                      -- recent files are open (a tenth overdue, still in review); old ones decided
                      WHEN g.age < m.deadline * 1.2 THEN CASE WHEN g.r_open < 0.15 THEN 'submitted' WHEN g.r_open < 0.8 THEN 'in_review' ELSE 'awaiting_applicant' END
                      WHEN g.r_status < 0.05 THEN 'in_review'
                      WHEN g.r_status < 0.66 THEN 'approved'
                      WHEN g.r_status < 0.86 THEN 'rejected'
                      WHEN g.r_status < 0.95 THEN 'closed'
                      ELSE 'withdrawn'
                    END AS status
               FROM (SELECT i, random() AS r_service, random() AS r_status, random() AS r_open, random() AS r_assign,
                            floor(random() * ${citizens})::int AS citizen_n, floor(random() * ${BUSINESSES})::int AS biz_n, floor(random() * ${AGENTS_PER_DIRECTORATE})::int AS agent_n,
                            -- four years of submissions, more of them recently
                            interval '1460 days' * power(random(), 1.3) AS age
                       FROM generate_series(1, $1) i) g
               JOIN mix m ON g.r_service >= m.lo AND g.r_service < m.hi
           ) f
           JOIN service_versions sv ON sv.code = f.code AND sv.version = 1
           JOIN citizen c ON c.n = f.citizen_n
           JOIN biz b ON b.n = f.biz_n
           JOIN agent a ON a.directorate_code = sv.directorate_code AND a.n = f.agent_n`,
        [REQUESTS],
      ),
    );
    await step(`rebuild ${indexes.length} indexes on requests`, async () => {
      for (const i of indexes) await q(i.indexdef);
    });
    await step('ANALYZE', () => q(`VACUUM ANALYZE requests, accounts, businesses`));
  } finally {
    await runner.release();
  }
}

if (require.main === module) {
  worklistDatabase(true)
    .then((db) => db.destroy())
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
