import { randomBytes, randomInt } from 'node:crypto';
import request from 'supertest';
import { Business, BusinessHistoryEntry, BusinessMembership } from '@portal/businesses';
import { ServiceVersion } from '@portal/catalogue';
import { JobOffer, PublishJobOfferEffect } from '@portal/job-offers';
import { Request } from '@portal/requests';
import { authHeader, createAccount, login } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';
import { unlabelledHistoryTypes } from './support/business-history';

const DAY = 24 * 3600 * 1000;

describe('Job offers: DEL approval to the public board (e2e)', () => {
  let portal: TestPortal;
  const api = () => request(portal.url);
  let service: ServiceVersion;
  let agentToken: string;

  /** A word no other test uses, so each test reads its own offers on the shared board. */
  const token = (): string => `tok${randomBytes(4).toString('hex')}`;

  async function business(values: Partial<Business> = {}): Promise<Business> {
    const ridet = String(randomInt(1_000_000_000, 9_999_999_999));
    const row = portal.db.manager.create(Business, {
      rid: ridet.slice(0, 7),
      ridet,
      legalName: 'Transports du Sud SARL',
      legalForm: 'SARL',
      commune: 'Païta',
      registryStatus: 'active',
      registryCheckedAt: new Date(),
      ...values,
    });
    await portal.db.manager.insert(Business, row);
    return row;
  }

  /** A verified mandate, signed in. */
  async function member(businessId: string, values: Partial<BusinessMembership> = {}): Promise<{ accountId: string; accessToken: string }> {
    const account = await createAccount(portal, 'citizen');
    await portal.db.manager.insert(BusinessMembership, {
      businessId,
      accountId: account.accountId,
      role: 'member',
      status: 'verified',
      scopeDirectorates: null,
      scopeServices: null,
      verifiedVia: 'invitation',
      verifiedAt: new Date(),
      ...values,
    });
    return { accountId: account.accountId, accessToken: (await login(portal, account)).accessToken };
  }

  const answers = (values: Record<string, string | number> = {}): Record<string, string | number> => ({
    intitule_poste: 'Mécanicien poids lourds',
    type_contrat: 'cdi',
    commune_poste: 'Païta',
    description_poste: 'Entretien et réparation de la flotte de camions de la carrière, permis C exigé.',
    salaire_mensuel_brut: 320_000,
    date_prise_poste: '2027-02-01',
    email_contact: 'recrutement@transports-sud.nc',
    ...values,
  });

  /** A DEL job offer file in review, filed for the business by one of its members. */
  async function offerFile(businessId: string | null, applicantAccountId: string, data = answers(), values: Partial<Request> = {}): Promise<Request> {
    const row = portal.db.manager.create(Request, {
      serviceVersionId: service.id,
      serviceCode: service.code,
      directorateCode: 'DEL',
      applicantAccountId,
      applicantName: 'Jeanne Kasarhérou',
      businessId,
      status: 'in_review',
      submittedAt: new Date(),
      reference: `PS-2026-${randomInt(100_000, 999_999)}`,
      data,
      ...values,
    });
    await portal.db.manager.insert(Request, row);
    return row;
  }

  /** An offer already on the board, at a chosen publication time (for ordering and filters). */
  async function publishedOffer(businessId: string, applicantAccountId: string, values: Partial<JobOffer>): Promise<JobOffer> {
    const file = await offerFile(businessId, applicantAccountId, answers(), { status: 'approved', decidedAt: new Date() });
    const publishedAt = values.publishedAt ?? new Date();
    const row = portal.db.manager.create(JobOffer, {
      requestId: file.id,
      businessId,
      title: 'Offre',
      contractType: 'cdi',
      commune: 'Nouméa',
      description: 'Une offre de test suffisamment longue pour le formulaire.',
      monthlySalaryXpf: null,
      startDate: null,
      contactEmail: 'rh@exemple.nc',
      publishedAt,
      expiresAt: new Date(publishedAt.getTime() + 60 * DAY),
      withdrawnAt: null,
      ...values,
    });
    await portal.db.manager.insert(JobOffer, row);
    return row;
  }

  const decide = (id: string, body: Record<string, unknown>) => api().post(`/api/agent/requests/${id}/transition`).set(authHeader(agentToken)).send({ expectedVersion: 1, ...body });
  const offersOf = (requestId: string) => portal.db.manager.findBy(JobOffer, { requestId });
  const boardIds = async (query: Record<string, string | number>): Promise<string[]> =>
    (await api().get('/api/job-offers').query(query).expect(200)).body.items.map((i: { id: string }) => i.id);

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false });
    service = await portal.db.manager.findOneOrFail(ServiceVersion, { where: { code: 'DEL-OFFRE-EMPLOI' }, order: { version: 'DESC' } });
    agentToken = (await login(portal, await createAccount(portal, 'agent', 'DEL'))).accessToken;
  });
  afterAll(() => portal?.close());

  it('publishes exactly one offer when a DEL agent approves the file, shown publicly without the applicant', async () => {
    const company = await business({ legalName: 'Carrières de la Tontouta SAS', commune: 'Païta' });
    const applicant = await member(company.id);
    const word = token();
    const file = await offerFile(company.id, applicant.accountId, answers({ intitule_poste: `Mécanicien ${word}` }));

    await decide(file.id, { action: 'approve' }).expect(200);
    await decide(file.id, { action: 'approve' }).expect(409);
    const [offer, ...others] = await offersOf(file.id);
    expect(others).toHaveLength(0);
    expect(offer).toMatchObject({
      businessId: company.id,
      title: `Mécanicien ${word}`,
      contractType: 'cdi',
      commune: 'Païta',
      monthlySalaryXpf: 320_000,
      startDate: '2027-02-01',
      contactEmail: 'recrutement@transports-sud.nc',
      withdrawnAt: null,
    });
    expect(offer.expiresAt.getTime() - offer.publishedAt.getTime()).toBe(60 * DAY);

    // The effect replayed (a retried decision, a second delivery) inserts nothing more.
    const effect = portal.app.get(PublishJobOfferEffect);
    const approved = await portal.db.manager.findOneByOrFail(Request, { id: file.id });
    await portal.db.transaction(async (manager) => {
      await effect.apply(manager, approved);
      await effect.apply(manager, approved);
    });
    expect(await offersOf(file.id)).toHaveLength(1);

    const board = await api().get('/api/job-offers').query({ q: word }).expect(200);
    expect(board.body).toEqual({ items: [expect.objectContaining({ id: offer.id })], nextCursor: null });
    const shown = await api().get(`/api/job-offers/${offer.id}`).expect(200);
    expect(shown.body).toEqual({
      id: offer.id,
      title: `Mécanicien ${word}`,
      contractType: 'cdi',
      contractTypeLabel: 'CDI',
      commune: 'Païta',
      description: answers().description_poste,
      monthlySalaryXpf: 320_000,
      startDate: '2027-02-01',
      contactEmail: 'recrutement@transports-sud.nc',
      publishedAt: offer.publishedAt.toISOString(),
      expiresAt: offer.expiresAt.toISOString(),
      employer: { legalName: 'Carrières de la Tontouta SAS', commune: 'Païta' },
    });
    const text = JSON.stringify([board.body, shown.body]);
    for (const secret of ['Kasarhérou', applicant.accountId, file.id, file.reference!]) expect(text).not.toContain(secret);
  });

  it('publishes nothing when the file is rejected or was filed by a person', async () => {
    const company = await business();
    const applicant = await member(company.id);
    const rejected = await offerFile(company.id, applicant.accountId);
    await decide(rejected.id, { action: 'reject', reason: 'Offre discriminatoire (âge exigé).' }).expect(200);
    expect(await offersOf(rejected.id)).toHaveLength(0);

    const personal = await offerFile(null, applicant.accountId);
    await decide(personal.id, { action: 'approve' }).expect(200);
    expect(await offersOf(personal.id)).toHaveLength(0);
  });

  it('filters the board by commune, contract type and keywords, and pages newest first with a keyset cursor', async () => {
    const company = await business();
    const { accountId } = await member(company.id);
    const word = token();
    const t0 = Date.now() - DAY;
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    const offers = [
      await publishedOffer(company.id, accountId, { title: `Serveur ${word}`, commune: 'Nouméa', contractType: 'cdd', publishedAt: at(1) }),
      await publishedOffer(company.id, accountId, { title: `Cuisinier ${word}`, commune: 'Bourail', contractType: 'cdi', publishedAt: at(2) }),
      await publishedOffer(company.id, accountId, { title: `Plongeur ${word}`, commune: 'Nouméa', contractType: 'interim', publishedAt: at(3) }),
      // Three at the same instant: the id breaks the tie, so none is skipped or repeated across pages.
      await publishedOffer(company.id, accountId, { title: `Barman ${word}`, commune: 'Île des Pins', contractType: 'cdd', publishedAt: at(4) }),
      await publishedOffer(company.id, accountId, { title: `Réceptionniste ${word}`, commune: 'Nouméa', contractType: 'apprentissage', publishedAt: at(4) }),
      await publishedOffer(company.id, accountId, { title: `Jardinier ${word}`, commune: 'Mont-Dore', contractType: 'cdi', publishedAt: at(4), description: 'Entretien des espaces verts, 50% en extérieur.' }),
      await publishedOffer(company.id, accountId, { title: `Gouvernante ${word}`, commune: 'Nouméa', contractType: 'cdi', publishedAt: at(5) }),
    ];
    const newestFirst = [...offers].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.id < b.id ? 1 : -1)).map((o) => o.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await api().get('/api/job-offers').query({ q: word, limit: 3, ...(cursor ? { cursor } : {}) }).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(newestFirst);

    const [serveur, cuisinier, plongeur, barman, receptionniste, jardinier, gouvernante] = offers.map((o) => o.id);
    expect(await boardIds({ q: word, commune: 'noumea' })).toEqual(newestFirst.filter((id) => [gouvernante, receptionniste, plongeur, serveur].includes(id)));
    expect(await boardIds({ q: word, contractType: 'cdd' })).toEqual([barman, serveur]);
    expect(await boardIds({ q: word, commune: 'Nouméa', contractType: 'cdi' })).toEqual([gouvernante]);
    expect(await boardIds({ q: `cuisinier ${word.toUpperCase()}` })).toEqual([cuisinier]);
    expect(await boardIds({ q: `${word} 50%` })).toEqual([jardinier]);
    // % and _ are searched as typed, not as wildcards.
    expect(await boardIds({ q: `${word} %` })).toEqual([jardinier]);
    expect(await boardIds({ q: `${word} 5_%` })).toEqual([]);

    const label = (await api().get(`/api/job-offers/${receptionniste}`).expect(200)).body.contractTypeLabel;
    expect(label).toBe('Apprentissage');
    expect((await api().get(`/api/job-offers/${plongeur}`).expect(200)).body.contractTypeLabel).toBe('Intérim');

    for (const query of [{ commune: 'Koné' }, { contractType: 'stage' }, { cursor: 'pas-un-curseur' }, { limit: 1000 }, { inconnu: 'x' }]) {
      const refused = await api().get('/api/job-offers').query(query).expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('lets a member withdraw the offer: gone from the board and by id, listed as withdrawn, a second time is 409', async () => {
    const company = await business();
    const colleague = await member(company.id, { scopeDirectorates: ['DEL'], scopeServices: ['DEL-OFFRE-EMPLOI'] });
    const word = token();
    const offer = await publishedOffer(company.id, colleague.accountId, { title: `Comptable ${word}` });
    expect(await boardIds({ q: word })).toEqual([offer.id]);

    await api().post(`/api/businesses/${company.id}/job-offers/${offer.id}/withdraw`).expect(401);
    const withdrawn = await api().post(`/api/businesses/${company.id}/job-offers/${offer.id}/withdraw`).set(authHeader(colleague.accessToken)).expect(200);
    expect(withdrawn.body).toMatchObject({ id: offer.id, state: 'withdrawn', stateLabel: 'retirée', requestId: offer.requestId });
    expect(withdrawn.body.withdrawnAt).toEqual(expect.any(String));

    expect(await boardIds({ q: word })).toEqual([]);
    const gone = await api().get(`/api/job-offers/${offer.id}`).expect(404);
    expect(gone.body.code).toBe('JOB_OFFER_NOT_FOUND');
    expect(JSON.stringify(gone.body)).not.toContain(word);

    const again = await api().post(`/api/businesses/${company.id}/job-offers/${offer.id}/withdraw`).set(authHeader(colleague.accessToken)).expect(409);
    expect(again.body.code).toBe('JOB_OFFER_ALREADY_WITHDRAWN');

    const listed = await api().get(`/api/businesses/${company.id}/job-offers`).set(authHeader(colleague.accessToken)).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: offer.id, state: 'withdrawn' })]);
    const history = await portal.db.manager.findBy(BusinessHistoryEntry, { businessId: company.id, type: 'job_offer_withdrawn' });
    expect(history).toEqual([expect.objectContaining({ actorId: colleague.accountId, details: expect.objectContaining({ jobOfferId: offer.id }) })]);
  });

  it('answers 404 to non-members, out-of-scope, revoked and other businesses\u2019 members, and leaves the offer published', async () => {
    const company = await business();
    const owner = await member(company.id, { role: 'legal_representative' });
    const word = token();
    const offer = await publishedOffer(company.id, owner.accountId, { title: `Électricien ${word}` });

    const stranger = (await login(portal, await createAccount(portal, 'citizen'))).accessToken;
    const outOfScope = (await member(company.id, { scopeDirectorates: ['DDET'] })).accessToken;
    const otherService = (await member(company.id, { scopeDirectorates: ['DEL'], scopeServices: ['DEL-AIDE-LOGEMENT'] })).accessToken;
    const revoked = (await member(company.id, { status: 'revoked', endedAt: new Date() })).accessToken;
    const expiredMandate = (await member(company.id, { expiresAt: new Date(Date.now() - DAY) })).accessToken;
    const otherCompany = await business();
    const elsewhere = (await member(otherCompany.id)).accessToken;

    for (const accessToken of [stranger, outOfScope, otherService, revoked, expiredMandate]) {
      const refused = await api().post(`/api/businesses/${company.id}/job-offers/${offer.id}/withdraw`).set(authHeader(accessToken)).expect(404);
      expect(refused.body.code).toBe('JOB_OFFER_NOT_FOUND');
      const list = await api().get(`/api/businesses/${company.id}/job-offers`).set(authHeader(accessToken)).expect(404);
      expect(list.body.code).toBe('BUSINESS_NOT_FOUND');
    }
    // A member of another business cannot reach this offer through its own business either.
    await api().post(`/api/businesses/${otherCompany.id}/job-offers/${offer.id}/withdraw`).set(authHeader(elsewhere)).expect(404);
    expect((await api().get(`/api/businesses/${otherCompany.id}/job-offers`).set(authHeader(elsewhere)).expect(200)).body).toEqual([]);
    await api().post(`/api/businesses/not-a-uuid/job-offers/${offer.id}/withdraw`).set(authHeader(owner.accessToken)).expect(404);
    await api().post(`/api/businesses/${company.id}/job-offers/not-a-uuid/withdraw`).set(authHeader(owner.accessToken)).expect(404);
    await api().get('/api/job-offers/not-a-uuid').expect(404);

    expect(await boardIds({ q: word })).toEqual([offer.id]);
    expect((await portal.db.manager.findOneByOrFail(JobOffer, { id: offer.id })).withdrawnAt).toBeNull();
  });

  it('drops expired offers from the board and by id; the business sees them as expired and cannot withdraw them', async () => {
    const company = await business();
    const owner = await member(company.id, { role: 'admin' });
    const word = token();
    const current = await publishedOffer(company.id, owner.accountId, { title: `Infirmier ${word}` });
    const old = await publishedOffer(company.id, owner.accountId, { title: `Aide-soignant ${word}`, publishedAt: new Date(Date.now() - 61 * DAY) });
    expect(await boardIds({ q: word })).toEqual([current.id]);

    await portal.db.manager.update(JobOffer, { id: current.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await boardIds({ q: word })).toEqual([]);
    expect((await api().get(`/api/job-offers/${current.id}`).expect(404)).body.code).toBe('JOB_OFFER_NOT_FOUND');

    const listed = await api().get(`/api/businesses/${company.id}/job-offers`).set(authHeader(owner.accessToken)).expect(200);
    expect(listed.body.map((o: { id: string; state: string; stateLabel: string }) => [o.id, o.state, o.stateLabel])).toEqual([
      [current.id, 'expired', 'expirée'],
      [old.id, 'expired', 'expirée'],
    ]);
    const refused = await api().post(`/api/businesses/${company.id}/job-offers/${old.id}/withdraw`).set(authHeader(owner.accessToken)).expect(409);
    expect(refused.body.code).toBe('JOB_OFFER_EXPIRED');
  });

  it('wrote business history only with types that have a French label', async () => {
    expect(await unlabelledHistoryTypes(portal)).toEqual([]);
  });
});
