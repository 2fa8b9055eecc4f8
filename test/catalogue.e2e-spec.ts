import request from 'supertest';
import { AuditEntry } from '@portal/audit';
import { SEEDED_SERVICES, seedCatalogue, ServiceVersion } from '@portal/catalogue';
import { createAccount, login } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

const SEEDED_CODES = SEEDED_SERVICES.map((s) => s.code);

/** A valid whole version, as an admin UI would send it. */
function newVersion(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Aide à la rénovation énergétique',
    description: "Subvention pour l'isolation et le solaire thermique des logements.",
    directorateCode: 'DEL',
    applicantKinds: ['person', 'business'],
    formSchema: {
      version: 1,
      fields: [
        { key: 'commune', type: 'commune', label: 'Commune du logement', required: true },
        { key: 'montant_demande', type: 'amount_xpf', label: 'Montant demandé (XPF)', required: true, max: 500_000, requestedAmount: true },
      ],
    },
    requiredDocuments: [{ type: 'devis', label: 'Devis des travaux', required: true }],
    deadlineRule: { outcome: 'implicit_rejection', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: true },
    open: true,
    ...overrides,
  };
}

describe('Services catalogue (e2e)', () => {
  let portal: TestPortal;
  let admin: { accountId: string; token: string };
  const api = () => request(portal.url);
  const publish = (code: string, body: Record<string, unknown>, token = admin.token) =>
    api().post(`/api/catalogue/services/${code}/versions`).set('authorization', `Bearer ${token}`).send(body);
  const versionsOf = async (code: string) =>
    (await portal.db.manager.find(ServiceVersion, { where: { code }, order: { version: 'ASC' } })).map((v) => v.version);

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false });
    // Idempotent: the template may already hold the catalogue once scripts/seed.ts seeds it.
    await seedCatalogue(portal.db);
    await seedCatalogue(portal.db);
    const credentials = await createAccount(portal, 'admin');
    admin = { accountId: credentials.accountId, token: (await login(portal, credentials)).accessToken };
  });
  afterAll(() => portal?.close());

  describe('seed', () => {
    it('holds version 1 of each seeded service exactly once, however many times it runs', async () => {
      for (const code of SEEDED_CODES) expect(await versionsOf(code)).toEqual([1]);
    });
  });

  describe('GET /api/catalogue/services', () => {
    it('lists the open services without signing in, by directorate then title, without their forms', async () => {
      const res = await api().get('/api/catalogue/services').expect(200);
      const seeded = (res.body as Array<{ code: string; directorateCode: string; title: string }>).filter((s) => SEEDED_CODES.includes(s.code));
      expect(seeded.map((s) => s.code)).toEqual([
        'DAJI-LIEN-PRO',
        'DAJI-COPIE-ACTE',
        'DDET-CREATION-ENTREPRISE',
        'DDET-INVEST-TOURISME',
        'DEL-AIDE-LOGEMENT',
        'DEL-OFFRE-EMPLOI',
      ]);
      expect(res.body[0]).toEqual({
        code: 'DAJI-LIEN-PRO',
        version: 1,
        directorateCode: 'DAJI',
        directorateName: 'Direction des Affaires Juridiques et Institutionnelles',
        title: "Association d'un compte à un profil professionnel",
        description: expect.any(String),
        applicantKinds: ['person'],
        deadlineDescription: expect.stringMatching(/^Sans réponse dans un délai de 1\smois, la demande est réputée rejetée\./),
        open: true,
        publishedAt: expect.any(String),
      });
    });

    it.each([
      ['directorate=DEL', (s: ServiceLike) => s.directorateCode === 'DEL'],
      ['applicantKind=business', (s: ServiceLike) => s.applicantKinds.includes('business')],
      ['directorate=DDET&applicantKind=person', (s: ServiceLike) => s.directorateCode === 'DDET' && s.applicantKinds.includes('person')],
    ])('filters with ?%s', async (query, keep) => {
      const all = (await api().get('/api/catalogue/services').expect(200)).body as ServiceLike[];
      const filtered = (await api().get(`/api/catalogue/services?${query}`).expect(200)).body as ServiceLike[];
      expect(filtered.map((s) => s.code)).toEqual(all.filter(keep).map((s) => s.code));
    });

    it('has business-only and person-only services in the seed', async () => {
      const business = (await api().get('/api/catalogue/services?applicantKind=business').expect(200)).body as ServiceLike[];
      const person = (await api().get('/api/catalogue/services?applicantKind=person').expect(200)).body as ServiceLike[];
      expect(business.map((s) => s.code)).toEqual(expect.arrayContaining(['DEL-OFFRE-EMPLOI', 'DDET-CREATION-ENTREPRISE', 'DDET-INVEST-TOURISME']));
      expect(business.map((s) => s.code)).not.toContain('DEL-AIDE-LOGEMENT');
      expect(person.map((s) => s.code)).toEqual(expect.arrayContaining(['DEL-AIDE-LOGEMENT', 'DAJI-LIEN-PRO', 'DAJI-COPIE-ACTE']));
    });

    it.each([
      ['directorate=DRH', 'directorate', 'isIn'],
      ['applicantKind=association', 'applicantKind', 'isIn'],
      ['directorate=DEL&directorate=DDET', 'directorate', 'isIn'],
      ['page=2', 'page', 'whitelistValidation'],
    ])('refuses ?%s with 400 and a detail on %s', async (query, field, code) => {
      const res = await api().get(`/api/catalogue/services?${query}`).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', correlationId: expect.any(String) });
      expect(res.body.details).toEqual([{ field, code, message: expect.any(String) }]);
    });

    it('shows only the current version of each service, and hides a service whose current version is withdrawn', async () => {
      await publish('DEL-LISTE-TEST', newVersion({ title: 'Liste v1' })).expect(201);
      await publish('DEL-LISTE-TEST', newVersion({ title: 'Liste v2' })).expect(201);
      let listed = ((await api().get('/api/catalogue/services').expect(200)).body as ServiceLike[]).filter((s) => s.code === 'DEL-LISTE-TEST');
      expect(listed).toEqual([expect.objectContaining({ version: 2, title: 'Liste v2' })]);

      await publish('DEL-LISTE-TEST', newVersion({ title: 'Liste v3', open: false })).expect(201);
      listed = ((await api().get('/api/catalogue/services').expect(200)).body as ServiceLike[]).filter((s) => s.code === 'DEL-LISTE-TEST');
      expect(listed).toEqual([]);
      // Still readable: requests filed under it must show what they were filed against.
      const current = await api().get('/api/catalogue/services/DEL-LISTE-TEST').expect(200);
      expect(current.body).toMatchObject({ version: 3, open: false, title: 'Liste v3' });
    });
  });

  describe('GET /api/catalogue/services/:code', () => {
    it('returns the current version with its form, documents, deadline rule and a French description of the deadline', async () => {
      const res = await api().get('/api/catalogue/services/DEL-AIDE-LOGEMENT').expect(200);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        code: 'DEL-AIDE-LOGEMENT',
        version: 1,
        directorateCode: 'DEL',
        title: 'Aide au logement',
        applicantKinds: ['person'],
        deadlineRule: { outcome: 'implicit_rejection', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: true },
        requiredDocuments: expect.arrayContaining([
          { type: 'justificatif_domicile', label: expect.any(String), required: true },
          { type: 'avis_imposition', label: expect.any(String), required: true },
        ]),
        requestedAmountField: null,
        open: true,
      });
      expect(res.body.deadlineDescription.replace(/\u00a0/g, ' ')).toMatch(/^Sans réponse dans un délai de 2 mois, la demande est réputée rejetée\./);
      expect(res.body.formSchema.fields.map((f: { type: string }) => f.type)).toEqual(['amount_xpf', 'commune', 'integer', 'amount_xpf', 'phone_nc']);
      expect(res.body).not.toHaveProperty('publishedBy');
    });

    it('names the field holding the requested amount of an aid scheme, with its ceiling', async () => {
      const res = await api().get('/api/catalogue/services/DDET-CREATION-ENTREPRISE').expect(200);
      expect(res.body.requestedAmountField).toBe('montant_demande');
      expect(res.body.formSchema.fields).toContainEqual(expect.objectContaining({ key: 'montant_demande', type: 'amount_xpf', max: 3_000_000, requestedAmount: true }));
      const job = await api().get('/api/catalogue/services/DEL-OFFRE-EMPLOI').expect(200);
      expect(job.body.deadlineDescription).toContain('15\u00a0jours ouvrés');
    });

    it.each(['DEL-INCONNU', 'del-aide-logement', 'pas une démarche'])('answers 404 with the error shape for %p', async (code) => {
      const res = await api().get(`/api/catalogue/services/${encodeURIComponent(code)}`).expect(404);
      expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: "Cette démarche n'existe pas.", correlationId: expect.any(String) });
    });
  });

  describe('POST /api/catalogue/services/:code/versions', () => {
    it('publishes version 2 for an admin, leaves version 1 untouched and audits it', async () => {
      const before = await portal.db.manager.findOneByOrFail(ServiceVersion, { code: 'DAJI-COPIE-ACTE', version: 1 });
      const current = (await api().get('/api/catalogue/services/DAJI-COPIE-ACTE').expect(200)).body;
      const body = {
        title: current.title,
        description: current.description,
        directorateCode: current.directorateCode,
        applicantKinds: current.applicantKinds,
        formSchema: current.formSchema,
        requiredDocuments: current.requiredDocuments,
        deadlineRule: { ...current.deadlineRule, duration: { unit: 'months', value: 1 } },
        open: true,
      };
      const res = await publish('DAJI-COPIE-ACTE', body).expect(201);
      expect(res.body).toMatchObject({ code: 'DAJI-COPIE-ACTE', version: 2, deadlineRule: { duration: { unit: 'months', value: 1 } } });
      expect(res.body.id).not.toBe(before.id);
      expect(new Date(res.body.publishedAt).getTime()).toBeGreaterThan(before.publishedAt.getTime());

      expect(await portal.db.manager.findOneByOrFail(ServiceVersion, { id: before.id })).toEqual(before);
      const stored = await portal.db.manager.findOneByOrFail(ServiceVersion, { id: res.body.id as string });
      expect(stored.publishedBy).toBe(admin.accountId);
      expect((await api().get('/api/catalogue/services/DAJI-COPIE-ACTE').expect(200)).body).toEqual(res.body);

      const audit = await portal.db.manager.findOneByOrFail(AuditEntry, { action: 'catalogue.service_published', targetId: res.body.id as string });
      expect(audit).toMatchObject({ actorId: admin.accountId, targetType: 'service_version', details: { code: 'DAJI-COPIE-ACTE', version: 2 } });
    });

    it('publishes a new code as version 1', async () => {
      const res = await publish('DDET-AIDE-EXPORT', newVersion({ directorateCode: 'DDET', applicantKinds: ['business'] })).expect(201);
      expect(res.body).toMatchObject({ code: 'DDET-AIDE-EXPORT', version: 1, directorateName: 'Direction du Développement Économique et du Tourisme', requestedAmountField: 'montant_demande' });
    });

    it('refuses citizens and agents with 403, anonymous callers with 401, and stores nothing', async () => {
      const citizen = await login(portal, await createAccount(portal, 'citizen'));
      const agent = await login(portal, await createAccount(portal, 'agent', 'DEL'));
      const supervisor = await login(portal, await createAccount(portal, 'supervisor', 'DEL'));
      for (const token of [citizen.accessToken, agent.accessToken, supervisor.accessToken]) {
        const res = await publish('DEL-REFUSE', newVersion(), token).expect(403);
        expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      }
      const anonymous = await api().post('/api/catalogue/services/DEL-REFUSE/versions').send(newVersion()).expect(401);
      expect(anonymous.body.code).toBe('UNAUTHENTICATED');
      expect(await versionsOf('DEL-REFUSE')).toEqual([]);
    });

    it('refuses an invalid form schema with 400 and per-field details', async () => {
      const formSchema = {
        version: 1,
        fields: [
          { key: 'montant', type: 'signature', label: 'Montant', required: true },
          { key: 'commune', type: 'commune', label: 'Commune', required: true },
          { key: 'Commune', type: 'choice', label: 'Autre commune', required: true, options: [] },
        ],
      };
      const res = await publish('DEL-SCHEMA-INVALIDE', newVersion({ formSchema })).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(String) });
      expect(res.body.details).toEqual([
        { field: 'formSchema.fields[0].type', code: 'NOT_IN_LIST', message: expect.stringContaining('Le type doit être') },
        { field: 'formSchema.fields[2].options', code: 'MISSING_OPTIONS', message: expect.any(String) },
      ]);
      expect(await versionsOf('DEL-SCHEMA-INVALIDE')).toEqual([]);
    });

    it.each([
      ['an unknown top-level field', { version: 7 }, 'version', 'whitelistValidation'],
      ['an unknown field in the deadline rule', { deadlineRule: { outcome: 'none', duration: { unit: 'days', value: 1 }, suspendedWhileAwaitingApplicant: false, silence: 'accord' } }, 'deadlineRule.silence', 'whitelistValidation'],
      ['an unknown field in a document', { requiredDocuments: [{ type: 'devis', label: 'Devis', required: true, maxSize: 10 }] }, 'requiredDocuments.0.maxSize', 'whitelistValidation'],
      ['no applicant kind', { applicantKinds: [] }, 'applicantKinds', 'arrayNotEmpty'],
      ['an unknown applicant kind', { applicantKinds: ['person', 'association'] }, 'applicantKinds', 'isIn'],
      ['an unknown directorate', { directorateCode: 'DRH' }, 'directorateCode', 'isIn'],
      ['an invalid deadline outcome', { deadlineRule: { outcome: 'silence_vaut_accord', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: true } }, 'deadlineRule.outcome', 'isIn'],
      ['an absurd deadline', { deadlineRule: { outcome: 'implicit_rejection', duration: { unit: 'months', value: 1200 }, suspendedWhileAwaitingApplicant: true } }, 'deadlineRule.duration.value', 'TOO_LARGE'],
      ['a document asked twice', { requiredDocuments: [{ type: 'devis', label: 'Devis', required: true }, { type: 'devis', label: 'Devis', required: false }] }, 'requiredDocuments[1].type', 'DUPLICATE'],
    ])('refuses %s with 400', async (_label, overrides, field, code) => {
      const res = await publish('DEL-CORPS-INVALIDE', newVersion(overrides)).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([expect.objectContaining({ field, code })]);
      expect(await versionsOf('DEL-CORPS-INVALIDE')).toEqual([]);
    });

    it('refuses a malformed code in the path', async () => {
      const res = await publish('del-minuscules', newVersion()).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'code', code: 'matches' })]);
    });

    it('gives strictly consecutive versions under 10 concurrent publications, every loser a 409', async () => {
      const code = 'DEL-CONCURRENCE';
      await publish(code, newVersion()).expect(201);
      const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => publish(code, newVersion({ title: `Version concurrente ${i}` }))));
      const statuses = responses.map((r) => r.status);
      for (const r of responses.filter((x) => x.status !== 201)) {
        expect(r.status).toBe(409);
        expect(r.body).toMatchObject({ statusCode: 409, code: 'CONFLICT', message: expect.stringContaining('Rechargez') });
      }
      const created = responses.filter((r) => r.status === 201).map((r) => r.body.version as number);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created).size).toBe(created.length);

      const versions = await versionsOf(code);
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
      expect(versions.length).toBe(1 + statuses.filter((s) => s === 201).length);
      expect([...created].sort((a, b) => a - b)).toEqual(versions.slice(1));
      const audited = await portal.db.manager.count(AuditEntry, { where: { action: 'catalogue.service_published', actorId: admin.accountId } });
      expect(audited).toBeGreaterThanOrEqual(versions.length);
    });
  });
});

interface ServiceLike {
  code: string;
  version: number;
  directorateCode: string;
  applicantKinds: string[];
}
