import { randomInt } from 'node:crypto';
import request from 'supertest';
import { AuditEntry } from '@portal/audit';
import { hashSecretToken } from '@portal/common';
import {
  Business,
  BUSINESS_REGISTRY,
  BusinessesModule,
  BusinessHistoryEntry,
  BusinessInvitation,
  BusinessMembership,
  BusinessRegistry,
  MembershipRole,
  RegistryUnavailableError,
} from '@portal/businesses';
import { authHeader, createAccount, createService, login, registerVerified, uniqueEmail } from './support/factories';
import { tokenFrom } from './support/smtp-sink';
import { startTestPortal, TestPortal } from './support/test-portal';
import { unlabelledHistoryTypes } from './support/business-history';

interface Person {
  accountId: string;
  email: string;
  token: string;
}

describe('Business members, mandates and invitations (e2e)', () => {
  let portal: TestPortal;
  const api = () => request(portal.url);

  /** A signed-in resident. */
  async function person(): Promise<Person> {
    const credentials = await createAccount(portal, 'citizen');
    return { accountId: credentials.accountId, email: credentials.email, token: (await login(portal, credentials)).accessToken };
  }

  async function createBusiness(values: Partial<Business> = {}): Promise<Business> {
    const rid = `9${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    const business = portal.db.manager.create(Business, {
      rid,
      ridet: `${rid}001`,
      legalName: 'Menuiserie du Mont-Dore',
      legalForm: 'SARL',
      nafCode: '1623Z',
      activityLabel: 'Fabrication de charpentes et de menuiseries',
      street: '12 route de la Coulée',
      postcode: '98809',
      commune: 'Mont-Dore',
      registryStatus: 'active',
      registryCheckedAt: new Date(),
      ...values,
    });
    await portal.db.manager.insert(Business, business);
    return business;
  }

  async function addMember(business: Business, who: Person, role: MembershipRole, values: Partial<BusinessMembership> = {}): Promise<BusinessMembership> {
    const membership = portal.db.manager.create(BusinessMembership, {
      businessId: business.id,
      accountId: who.accountId,
      role,
      status: 'verified',
      scopeDirectorates: null,
      scopeServices: null,
      expiresAt: null,
      verifiedVia: 'daji',
      verifiedAt: new Date(),
      ...values,
    });
    await portal.db.manager.insert(BusinessMembership, membership);
    return membership;
  }

  /** A business with a legal representative, an administrator and a plain member. */
  async function team() {
    const business = await createBusiness();
    const [legal, admin, member] = [await person(), await person(), await person()];
    const memberships = {
      legal: await addMember(business, legal, 'legal_representative'),
      admin: await addMember(business, admin, 'admin'),
      member: await addMember(business, member, 'member'),
    };
    return { business, legal, admin, member, memberships };
  }

  const history = (businessId: string) => portal.db.manager.find(BusinessHistoryEntry, { where: { businessId }, order: { id: 'ASC' } });
  const audits = (targetId: string) => portal.db.manager.findBy(AuditEntry, { targetId });

  beforeAll(async () => {
    portal = await startTestPortal();
  });
  afterAll(() => portal?.close());

  describe('registry lookup', () => {
    let token: string;
    beforeAll(async () => {
      token = (await person()).token;
    });
    const lookup = (ridet: string) => api().get('/api/businesses/lookup').query({ ridet }).set(authHeader(token));

    it('shows what the registry says about an establishment, formatted, with its siblings', async () => {
      const res = await lookup('1003458.002').expect(200);
      expect(res.body).toMatchObject({
        rid: '1003458',
        ridet: '1003458002',
        ridetDisplay: '1 003 458 002',
        matchedBy: 'ridet',
        legalName: 'Boulangerie du Receiving',
        legalForm: 'SARL',
        establishmentRank: '002',
        address: { commune: 'Dumbéa', postcode: '98835' },
        status: 'active',
        statusLabel: 'En activité',
      });
      expect(res.body.establishments.map((e: { ridetDisplay: string }) => e.ridetDisplay)).toEqual(['1 003 458 001', '1 003 458 002', '1 003 458 003']);
    });

    it('answers a RID alone with the head office, left-padding the digits', async () => {
      const res = await lookup('87 412').expect(200);
      expect(res.body).toMatchObject({ ridet: '0087412001', ridetDisplay: '0 087 412 001', matchedBy: 'rid', establishmentRank: '001' });
    });

    it('shows a struck-off business as such', async () => {
      const res = await lookup('7654321001').expect(200);
      expect(res.body).toMatchObject({ status: 'struck_off', statusLabel: 'Radiée' });
    });

    it('refuses an invalid number on the ridet field, and says so for an unknown one', async () => {
      for (const bad of ['12A4567', '12345678901', '0000000']) {
        const res = await lookup(bad).expect(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'ridet' })] });
      }
      const missing = await api().get('/api/businesses/lookup').set(authHeader(token)).expect(400);
      expect(missing.body.details[0].field).toBe('ridet');
      const unknown = await lookup('9999999001').expect(404);
      expect(unknown.body.code).toBe('BUSINESS_UNKNOWN');
      await api().get('/api/businesses/lookup').query({ ridet: '1003458001' }).expect(401);
    });

    it('answers 503 with Retry-After when the registry does not answer', async () => {
      const registry = portal.app.select(BusinessesModule).get<BusinessRegistry>(BUSINESS_REGISTRY);
      const spy = jest.spyOn(registry, 'lookup').mockRejectedValueOnce(new RegistryUnavailableError(42));
      try {
        const res = await lookup('1003458001').expect(503);
        expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
        expect(res.headers['retry-after']).toBe('42');
      } finally {
        spy.mockRestore();
      }
    });
  });

  it('lists my businesses: live mandates and pending requests, not ended or expired ones', async () => {
    const me = await person();
    const [live, pending, revoked, expired] = [await createBusiness({ legalName: 'A Live' }), await createBusiness({ legalName: 'B Pending' }), await createBusiness(), await createBusiness()];
    const expiresAt = new Date(Date.now() + 30 * 24 * 3600_000);
    await addMember(live, me, 'admin', { scopeDirectorates: ['DEL'], expiresAt });
    await addMember(pending, me, 'legal_representative', { status: 'pending', verifiedVia: null, verifiedAt: null });
    await addMember(revoked, me, 'member', { status: 'revoked', endedAt: new Date() });
    await addMember(expired, me, 'member', { expiresAt: new Date(Date.now() - 1000) });

    const res = await api().get('/api/me/businesses').set(authHeader(me.token)).expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        role: 'admin',
        status: 'verified',
        scopeDirectorates: ['DEL'],
        scopeServices: null,
        expiresAt: expiresAt.toISOString(),
        canManageMembers: true,
        business: { id: live.id, ridet: live.ridet, ridetDisplay: `${live.rid[0]} ${live.rid.slice(1, 4)} ${live.rid.slice(4)} 001`, legalName: 'A Live', commune: 'Mont-Dore', registryStatus: 'active' },
      }),
      expect.objectContaining({ role: 'legal_representative', status: 'pending', canManageMembers: false, business: expect.objectContaining({ id: pending.id }) }),
    ]);
  });

  it('hides a business, its members and its history from anyone without a live mandate (404, never 403)', async () => {
    const { business, member } = await team();
    const outsider = await person();
    const applicant = await person();
    await addMember(business, applicant, 'member', { status: 'pending', verifiedVia: null, verifiedAt: null });
    const staff = await login(portal, await createAccount(portal, 'admin'));
    for (const token of [outsider.token, applicant.token, staff.accessToken]) {
      for (const path of ['', '/members', '/history']) {
        const res = await api().get(`/api/businesses/${business.id}${path}`).set(authHeader(token)).expect(404);
        expect(res.body.code).toBe('BUSINESS_NOT_FOUND');
      }
      await api().patch(`/api/businesses/${business.id}/members/${applicant.accountId}`).set(authHeader(token)).send({ role: 'member' }).expect(404);
    }
    await api().get('/api/businesses/pas-un-uuid').set(authHeader(member.token)).expect(404);
    await api().get('/api/businesses/00000000-0000-4000-8000-000000000000/members').set(authHeader(member.token)).expect(404);

    const profile = await api().get(`/api/businesses/${business.id}`).set(authHeader(member.token)).expect(200);
    expect(profile.body).toMatchObject({ id: business.id, legalName: 'Menuiserie du Mont-Dore', street: '12 route de la Coulée', myMandate: { role: 'member', canManageMembers: false } });
  });

  it('lets every member list the members, and only managers act on them (plain members: 403)', async () => {
    const { business, legal, member, memberships } = await team();
    const res = await api().get(`/api/businesses/${business.id}/members`).set(authHeader(member.token)).expect(200);
    expect(res.body.map((m: { role: string }) => m.role)).toEqual(['legal_representative', 'admin', 'member']);
    expect(res.body[0]).toMatchObject({ id: memberships.legal.id, accountId: legal.accountId, email: legal.email, name: 'Test citizen', status: 'verified', scopeDirectorates: null, expiresAt: null });

    const base = `/api/businesses/${business.id}`;
    const forbidden = [
      api().patch(`${base}/members/${memberships.admin.id}`).send({ role: 'member' }),
      api().delete(`${base}/members/${memberships.admin.id}`),
      api().post(`${base}/members/${memberships.admin.id}/approve`),
      api().post(`${base}/invitations`).send({ email: uniqueEmail(), role: 'member' }),
      api().get(`${base}/history`),
    ];
    for (const call of forbidden) expect((await call.set(authHeader(member.token)).expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('lets a manager change a colleague’s role, scope and end date, validated, audited and in the history', async () => {
    const { business, legal, memberships } = await team();
    const url = `/api/businesses/${business.id}/members/${memberships.member.id}`;
    const changed = await api()
      .patch(url)
      .set(authHeader(legal.token))
      .send({ role: 'admin', scopeDirectorates: ['DEL'], scopeServices: ['DEL-OFFRE-EMPLOI'], expiresAt: '2030-06-30' })
      .expect(200);
    expect(changed.body).toMatchObject({ role: 'admin', scopeDirectorates: ['DEL'], scopeServices: ['DEL-OFFRE-EMPLOI'], expiresAt: '2030-06-30T12:59:59.999Z', status: 'verified' });
    const lifted = await api().patch(url).set(authHeader(legal.token)).send({ scopeDirectorates: null, scopeServices: null, expiresAt: null }).expect(200);
    expect(lifted.body).toMatchObject({ scopeDirectorates: null, scopeServices: null, expiresAt: null });

    const invalid: Array<[Record<string, unknown>, string]> = [
      [{ role: 'legal_representative' }, 'role'],
      [{ role: 'chef' }, 'role'],
      [{ role: null }, 'role'],
      [{ scopeDirectorates: ['DEL'], scopeServices: ['DDET-INVEST-TOURISME'] }, 'scopeServices'],
      [{ scopeServices: ['DEL-INEXISTANTE'] }, 'scopeServices'],
      [{ scopeDirectorates: [] }, 'scopeDirectorates'],
      [{ scopeDirectorates: ['DGS'] }, 'scopeDirectorates'],
      [{ expiresAt: '2020-01-01' }, 'expiresAt'],
      [{ expiresAt: '2030-02-30' }, 'expiresAt'],
      [{ status: 'verified' }, 'status'],
    ];
    for (const [body, field] of invalid) {
      const res = await api().patch(url).set(authHeader(legal.token)).send(body).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.arrayContaining([expect.objectContaining({ field })]) });
    }
    const daji = await api().patch(url).set(authHeader(legal.token)).send({ role: 'legal_representative' }).expect(400);
    expect(daji.body.details[0].message).toMatch(/DAJI/);
    const self = await api().patch(`/api/businesses/${business.id}/members/${memberships.legal.id}`).set(authHeader(legal.token)).send({ expiresAt: null }).expect(403);
    expect(self.body.message).toMatch(/propre mandat/);
    await api().patch(`/api/businesses/${business.id}/members/00000000-0000-4000-8000-000000000000`).set(authHeader(legal.token)).send({ role: 'member' }).expect(404);

    const rows = (await history(business.id)).filter((h) => h.type === 'member_updated');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ actorId: legal.accountId, membershipId: memberships.member.id, details: expect.objectContaining({ role: 'admin', previousRole: 'member', scopeDirectorates: ['DEL'], previousScopeDirectorates: null }) });
    expect((await audits(memberships.member.id)).filter((a) => a.action === 'business.member_updated')).toHaveLength(2);
  });

  it('keeps an administrator’s hands off the legal representative', async () => {
    const { business, admin, memberships } = await team();
    const url = `/api/businesses/${business.id}/members/${memberships.legal.id}`;
    const patch = await api().patch(url).set(authHeader(admin.token)).send({ scopeDirectorates: ['DEL'] }).expect(403);
    expect(patch.body.message).toMatch(/représentant légal/);
    await api().delete(url).set(authHeader(admin.token)).expect(403);
    // But an administrator manages the other administrators and members.
    await api().patch(`/api/businesses/${business.id}/members/${memberships.member.id}`).set(authHeader(admin.token)).send({ role: 'admin' }).expect(200);
  });

  it('never leaves a business without a live manager', async () => {
    const business = await createBusiness();
    const [a1, a2, m] = [await person(), await person(), await person()];
    const first = await addMember(business, a1, 'admin');
    const second = await addMember(business, a2, 'admin');
    await addMember(business, m, 'member');
    const base = `/api/businesses/${business.id}/members`;

    // An expired manager does not count.
    await portal.db.manager.update(BusinessMembership, { id: second.id }, { expiresAt: new Date(Date.now() - 1000) });
    const last = await api().delete(`${base}/${first.id}`).set(authHeader(a1.token)).expect(409);
    expect(last.body.code).toBe('LAST_MANAGER');
    await portal.db.manager.update(BusinessMembership, { id: second.id }, { expiresAt: null });

    await api().delete(`${base}/${second.id}`).set(authHeader(a1.token)).expect(204);
    expect((await api().delete(`${base}/${first.id}`).set(authHeader(a1.token)).expect(409)).body.code).toBe('LAST_MANAGER');
    await api().delete(`${base}/${second.id}`).set(authHeader(a1.token)).expect(409); // already ended
    expect((await portal.db.manager.findOneByOrFail(BusinessMembership, { id: first.id })).status).toBe('verified');
  });

  it('lets only one of two managers revoking each other at the same moment succeed', async () => {
    const business = await createBusiness();
    const [a1, a2] = [await person(), await person()];
    const [m1, m2] = [await addMember(business, a1, 'admin'), await addMember(business, a2, 'admin')];
    const base = `/api/businesses/${business.id}/members`;
    const results = await Promise.all([
      api().delete(`${base}/${m2.id}`).set(authHeader(a1.token)),
      api().delete(`${base}/${m1.id}`).set(authHeader(a2.token)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 404]);
    expect(await portal.db.manager.countBy(BusinessMembership, { businessId: business.id, status: 'verified' })).toBe(1);
  });

  it('cuts a revoked member off at once, on the same token, and lets a member leave', async () => {
    const { business, legal, admin, member, memberships } = await team();
    await api().get(`/api/businesses/${business.id}`).set(authHeader(member.token)).expect(200);
    await api().delete(`/api/businesses/${business.id}/members/${memberships.member.id}`).set(authHeader(legal.token)).expect(204);

    expect((await api().get(`/api/businesses/${business.id}`).set(authHeader(member.token)).expect(404)).body.code).toBe('BUSINESS_NOT_FOUND');
    await api().get(`/api/businesses/${business.id}/members`).set(authHeader(member.token)).expect(404);
    await api().get('/api/me').set(authHeader(member.token)).expect(200);
    expect((await api().get('/api/me/businesses').set(authHeader(member.token)).expect(200)).body).toEqual([]);
    const row = await portal.db.manager.findOneByOrFail(BusinessMembership, { id: memberships.member.id });
    expect(row.status).toBe('revoked');
    expect(row.endedAt).toBeInstanceOf(Date);
    expect((await audits(memberships.member.id)).map((a) => a.action)).toContain('business.member_revoked');
    expect((await history(business.id)).map((h) => h.type)).toContain('member_revoked');

    // The administrator leaves on their own; the legal representative remains.
    await api().delete(`/api/businesses/${business.id}/members/${memberships.admin.id}`).set(authHeader(admin.token)).expect(204);
    await api().get(`/api/businesses/${business.id}`).set(authHeader(admin.token)).expect(404);
  });

  it('cuts off a mandate the moment it expires', async () => {
    const { business, member, memberships } = await team();
    await api().get(`/api/businesses/${business.id}/members`).set(authHeader(member.token)).expect(200);
    await portal.db.manager.update(BusinessMembership, { id: memberships.member.id }, { expiresAt: new Date(Date.now() - 1000) });
    await api().get(`/api/businesses/${business.id}`).set(authHeader(member.token)).expect(404);
    await api().get(`/api/businesses/${business.id}/members`).set(authHeader(member.token)).expect(404);
  });

  it('lets a manager approve or refuse a colleague’s pending link request, never a legal representative’s', async () => {
    const { business, legal, admin, member } = await team();
    const [p1, p2, p3] = [await person(), await person(), await person()];
    const pending = { status: 'pending' as const, verifiedVia: null, verifiedAt: null };
    const asMember = await addMember(business, p1, 'member', pending);
    const asAdmin = await addMember(business, p2, 'admin', pending);
    const asLegal = await addMember(business, p3, 'legal_representative', pending);
    const base = `/api/businesses/${business.id}/members`;

    const approved = await api().post(`${base}/${asMember.id}/approve`).set(authHeader(admin.token)).expect(200);
    expect(approved.body).toMatchObject({ status: 'verified', verifiedVia: 'business_admin', role: 'member' });
    const row = await portal.db.manager.findOneByOrFail(BusinessMembership, { id: asMember.id });
    expect(row).toMatchObject({ status: 'verified', verifiedVia: 'business_admin', verifiedBy: admin.accountId });
    expect(row.verifiedAt).toBeInstanceOf(Date);
    await api().get(`/api/businesses/${business.id}`).set(authHeader(p1.token)).expect(200);
    const mail = await portal.smtp.waitFor((m) => m.to.includes(p1.email));
    expect(mail.subject).toContain('approuvé');
    expect((await api().post(`${base}/${asMember.id}/approve`).set(authHeader(admin.token)).expect(409)).body.code).toBe('TRANSITION_NOT_ALLOWED');

    await api().post(`${base}/${asAdmin.id}/approve`).set(authHeader(member.token)).expect(403);
    const refused = await api().post(`${base}/${asAdmin.id}/refuse`).set(authHeader(legal.token)).send({ reason: 'Personne inconnue de la direction.' }).expect(200);
    expect(refused.body.status).toBe('refused');
    expect((await portal.db.manager.findOneByOrFail(BusinessMembership, { id: asAdmin.id })).endedAt).toBeInstanceOf(Date);
    await api().get(`/api/businesses/${business.id}`).set(authHeader(p2.token)).expect(404);
    expect((await portal.smtp.waitFor((m) => m.to.includes(p2.email))).text).toContain('Personne inconnue de la direction.');
    await api().post(`${base}/${asAdmin.id}/refuse`).set(authHeader(legal.token)).send({}).expect(409);

    const daji = await api().post(`${base}/${asLegal.id}/approve`).set(authHeader(legal.token)).expect(409);
    expect(daji.body).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', message: expect.stringContaining('DAJI') });
    await api().post(`${base}/${asLegal.id}/refuse`).set(authHeader(legal.token)).send({}).expect(409);
    expect((await portal.db.manager.findOneByOrFail(BusinessMembership, { id: asLegal.id })).status).toBe('pending');

    const types = (await history(business.id)).map((h) => h.type);
    expect(types).toEqual(['member_approved', 'member_refused']);
    expect((await audits(asMember.id)).map((a) => a.action)).toEqual(['business.member_approved']);
    expect((await audits(asAdmin.id)).map((a) => a.action)).toEqual(['business.member_refused']);
  });

  it('invites a colleague by email: the link works once, for the invited address only', async () => {
    const { business, legal, admin, member } = await team();
    const email = uniqueEmail('collegue');
    const sent = await api()
      .post(`/api/businesses/${business.id}/invitations`)
      .set(authHeader(admin.token))
      .send({ email: email.toUpperCase(), role: 'member', scopeDirectorates: ['DDET'], expiresAt: '2031-01-31' })
      .expect(201);
    expect(sent.body).toMatchObject({ email, role: 'member', scopeDirectorates: ['DDET'], membershipExpiresAt: '2031-01-31T12:59:59.999Z' });
    expect(sent.body).not.toHaveProperty('tokenHash');
    const mail = await portal.smtp.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toBe('Invitation à rejoindre Menuiserie du Mont-Dore');
    expect(mail.text).toMatch(/\/invitations\?token=/);
    expect(mail.text).toContain('jusqu’au 31/01/2031');
    const token = tokenFrom(mail);
    const stored = await portal.db.manager.findOneByOrFail(BusinessInvitation, { id: sent.body.id });
    expect(stored.tokenHash).toBe(hashSecretToken(token));

    // Someone else signed in cannot use it, and does not spend it.
    const other = await person();
    const wrong = await api().post('/api/business-invitations/accept').set(authHeader(other.token)).send({ token }).expect(403);
    expect(wrong.body.code).toBe('FORBIDDEN');
    await api().post('/api/business-invitations/accept').send({ token }).expect(401);

    const invitee = await registerVerified(portal, { email });
    const inviteeToken = (await login(portal, invitee)).accessToken;
    const accepted = await api().post('/api/business-invitations/accept').set(authHeader(inviteeToken)).send({ token }).expect(201);
    expect(accepted.body).toMatchObject({ role: 'member', status: 'verified', scopeDirectorates: ['DDET'], expiresAt: '2031-01-31T12:59:59.999Z', business: { id: business.id } });
    const membership = await portal.db.manager.findOneByOrFail(BusinessMembership, { id: accepted.body.membershipId });
    expect(membership).toMatchObject({ verifiedVia: 'invitation', verifiedBy: admin.accountId, accountId: invitee.accountId });
    await api().get(`/api/businesses/${business.id}`).set(authHeader(inviteeToken)).expect(200);
    expect((await api().post('/api/business-invitations/accept').set(authHeader(inviteeToken)).send({ token }).expect(401)).body.code).toBe('INVALID_TOKEN');

    // Already a member: refused at once; a pending applicant is pointed to approval instead.
    const again = await api().post(`/api/businesses/${business.id}/invitations`).set(authHeader(legal.token)).send({ email: member.email, role: 'admin' }).expect(409);
    expect(again.body.code).toBe('ALREADY_MEMBER');
    const daji = await api().post(`/api/businesses/${business.id}/invitations`).set(authHeader(legal.token)).send({ email: uniqueEmail(), role: 'legal_representative' }).expect(400);
    expect(daji.body.details[0]).toMatchObject({ field: 'role', message: expect.stringContaining('DAJI') });

    expect((await history(business.id)).map((h) => h.type)).toEqual(['member_invited', 'member_joined']);
    expect((await audits(sent.body.id)).map((a) => a.action)).toEqual(['business.invitation_sent']);
    expect((await audits(membership.id)).map((a) => a.action)).toEqual(['business.invitation_accepted']);

    const page = await api().get(`/api/businesses/${business.id}/history`).set(authHeader(legal.token)).expect(200);
    expect(page.body.items.map((i: { type: string }) => i.type)).toEqual(['member_joined', 'member_invited']);
    expect(page.body.items[1]).toMatchObject({ label: 'Invitation envoyée', actorId: admin.accountId, actorName: 'Test citizen', details: expect.objectContaining({ email }) });
    const first = await api().get(`/api/businesses/${business.id}/history`).query({ limit: 1 }).set(authHeader(legal.token)).expect(200);
    const rest = await api().get(`/api/businesses/${business.id}/history`).query({ limit: 1, cursor: first.body.nextCursor }).set(authHeader(legal.token)).expect(200);
    expect([...first.body.items, ...rest.body.items].map((i: { id: string }) => i.id)).toEqual(page.body.items.map((i: { id: string }) => i.id));
  });

  it('lists the invitations awaiting an answer to managers, and lets them withdraw one: its link stops working', async () => {
    const { business, legal, admin, member } = await team();
    const invite = async (email: string) =>
      (await api().post(`/api/businesses/${business.id}/invitations`).set(authHeader(admin.token)).send({ email, role: 'member' }).expect(201)).body as { id: string };
    const [first, second] = [uniqueEmail('attente'), uniqueEmail('annulee')];
    const kept = await invite(first);
    const withdrawn = await invite(second);
    const tokenOf = async (email: string) => tokenFrom(await portal.smtp.waitFor((m) => m.to.includes(email)));
    const withdrawnToken = await tokenOf(second);

    const listed = await api().get(`/api/businesses/${business.id}/invitations`).set(authHeader(legal.token)).expect(200);
    expect(listed.body.map((i: { email: string }) => i.email)).toEqual([second, first]);
    expect(listed.body[0]).toMatchObject({ id: withdrawn.id, role: 'member', validUntil: expect.any(String) });
    expect(listed.body[0]).not.toHaveProperty('tokenHash');
    expect((await api().get(`/api/businesses/${business.id}/invitations`).set(authHeader(member.token)).expect(403)).body.code).toBe('FORBIDDEN');

    await api().delete(`/api/businesses/${business.id}/invitations/${withdrawn.id}`).set(authHeader(legal.token)).expect(204);
    const again = await api().delete(`/api/businesses/${business.id}/invitations/${withdrawn.id}`).set(authHeader(legal.token)).expect(404);
    expect(again.body).toMatchObject({ code: 'INVITATION_NOT_FOUND', message: expect.stringContaining('invitation') });
    expect((await api().delete(`/api/businesses/${business.id}/invitations/pas-un-id`).set(authHeader(legal.token)).expect(404)).body.code).toBe('INVITATION_NOT_FOUND');
    const invitee = await registerVerified(portal, { email: second });
    const refused = await api().post('/api/business-invitations/accept').set(authHeader((await login(portal, invitee)).accessToken)).send({ token: withdrawnToken }).expect(401);
    expect(refused.body.code).toBe('INVALID_TOKEN');

    // An accepted invitation leaves the list too.
    const joiner = await registerVerified(portal, { email: first });
    await api().post('/api/business-invitations/accept').set(authHeader((await login(portal, joiner)).accessToken)).send({ token: await tokenOf(first) }).expect(201);
    expect((await api().get(`/api/businesses/${business.id}/invitations`).set(authHeader(admin.token)).expect(200)).body).toEqual([]);
    expect(listed.body.map((i: { id: string }) => i.id)).toContain(kept.id);

    const page = await api().get(`/api/businesses/${business.id}/history`).set(authHeader(legal.token)).expect(200);
    expect(page.body.items.find((i: { type: string }) => i.type === 'invitation_cancelled')).toMatchObject({ label: 'Invitation annulée', actorId: legal.accountId, details: expect.objectContaining({ email: second }) });
    expect((await audits(withdrawn.id)).map((a) => a.action)).toEqual(['business.invitation_sent', 'business.invitation_cancelled']);
  });

  describe('grants within the manager’s own mandate', () => {
    const grantRefused = (res: request.Response) => expect(res.body).toMatchObject({ code: 'GRANT_EXCEEDS_MANDATE', message: expect.any(String) });

    it('refuses a DDET administrator every way to give a second account every directorate, so DEL files stay out of its reach', async () => {
      const { business, legal, memberships } = await team();
      const [ddetAdmin, accomplice, applicant] = [await person(), await person(), await person()];
      await addMember(business, ddetAdmin, 'admin', { scopeDirectorates: ['DDET'] });
      const colleague = await addMember(business, accomplice, 'member', { scopeDirectorates: ['DDET'] });
      const pending = await addMember(business, applicant, 'member', { status: 'pending', verifiedVia: null, verifiedAt: null });
      const [delService, ddetService] = [await createService(portal, { directorateCode: 'DEL', applicantKinds: ['business'] }), await createService(portal, { directorateCode: 'DDET', applicantKinds: ['business'] })];
      const file = async (serviceCode: string) =>
        (await api().post('/api/requests').set(authHeader(legal.token)).send({ serviceCode, businessId: business.id, data: { loyer: 85_000, commune: 'Nouméa' } }).expect(201)).body.id as string;
      const [delFile, ddetFile] = [await file(delService.code), await file(ddetService.code)];
      const base = `/api/businesses/${business.id}`;
      const before = await history(business.id);

      // (a) a colleague's update to every directorate, or to one more, or a promotion of an unrestricted member.
      for (const body of [{ scopeDirectorates: null }, { scopeDirectorates: ['DDET', 'DEL'] }, { role: 'admin', scopeDirectorates: ['DAJI'] }]) {
        grantRefused(await api().patch(`${base}/members/${colleague.id}`).set(authHeader(ddetAdmin.token)).send(body).expect(403));
      }
      const promote = await api().patch(`${base}/members/${memberships.member.id}`).set(authHeader(ddetAdmin.token)).send({ role: 'admin' }).expect(403);
      expect(promote.body.message).toMatch(/limité aux directions DDET/);
      // (b) an invitation with no scope, or another directorate's.
      for (const body of [{ role: 'admin' }, { role: 'member', scopeDirectorates: ['DEL'] }]) {
        grantRefused(await api().post(`${base}/invitations`).set(authHeader(ddetAdmin.token)).send({ email: accomplice.email, ...body }).expect(403));
      }
      // (c) approval of a link request as asked (every directorate).
      grantRefused(await api().post(`${base}/members/${pending.id}/approve`).set(authHeader(ddetAdmin.token)).expect(403));
      grantRefused(await api().post(`${base}/members/${pending.id}/approve`).set(authHeader(ddetAdmin.token)).send({ scopeDirectorates: ['DEL'] }).expect(403));

      // Nothing changed: rows, invitations, history.
      expect(await portal.db.manager.findOneByOrFail(BusinessMembership, { id: colleague.id })).toMatchObject({ role: 'member', scopeDirectorates: ['DDET'] });
      expect(await portal.db.manager.findOneByOrFail(BusinessMembership, { id: pending.id })).toMatchObject({ status: 'pending', scopeDirectorates: null });
      expect(await portal.db.manager.countBy(BusinessInvitation, { businessId: business.id })).toBe(0);
      expect(await history(business.id)).toEqual(before);
      // So the second account reads the business's DDET files, never its DEL ones.
      await api().get(`/api/requests/${ddetFile}`).set(authHeader(accomplice.token)).expect(200);
      expect((await api().get(`/api/requests/${delFile}`).set(authHeader(accomplice.token)).expect(404)).body.code).toBe('REQUEST_NOT_FOUND');

      // Within DDET, the administrator still grants: a promotion, an invitation, an approval narrowed to DDET.
      await api().patch(`${base}/members/${colleague.id}`).set(authHeader(ddetAdmin.token)).send({ role: 'admin', scopeServices: [ddetService.code] }).expect(200);
      const invited = await api().post(`${base}/invitations`).set(authHeader(ddetAdmin.token)).send({ email: uniqueEmail(), role: 'admin', scopeDirectorates: ['DDET'] }).expect(201);
      expect(invited.body).toMatchObject({ role: 'admin', scopeDirectorates: ['DDET'] });
      const approved = await api().post(`${base}/members/${pending.id}/approve`).set(authHeader(ddetAdmin.token)).send({ scopeDirectorates: ['DDET'] }).expect(200);
      expect(approved.body).toMatchObject({ status: 'verified', scopeDirectorates: ['DDET'], scopeServices: null });
      await api().get(`/api/requests/${ddetFile}`).set(authHeader(applicant.token)).expect(200);
      await api().get(`/api/requests/${delFile}`).set(authHeader(applicant.token)).expect(404);
      const row = (await history(business.id)).find((h) => h.type === 'member_approved');
      expect(row?.details).toMatchObject({ scopeDirectorates: ['DDET'], previousScopeDirectorates: null });

      // The legal representative's powers are whole.
      await api().patch(`${base}/members/${colleague.id}`).set(authHeader(legal.token)).send({ scopeDirectorates: null, scopeServices: null }).expect(200);
    });

    it('keeps the end date and the services within the manager’s own', async () => {
      const { business } = await team();
      const [limited, colleague] = [await person(), await person()];
      const end = '2030-06-30';
      await addMember(business, limited, 'admin', { scopeServices: ['DEL-OFFRE-EMPLOI'], expiresAt: new Date('2030-06-30T12:59:59.999Z') });
      const target = await addMember(business, colleague, 'member', { scopeServices: ['DEL-OFFRE-EMPLOI'], expiresAt: new Date('2030-01-31T12:59:59.999Z') });
      const invite = (body: object) => api().post(`/api/businesses/${business.id}/invitations`).set(authHeader(limited.token)).send({ email: uniqueEmail(), role: 'member', ...body });
      const patch = (body: object) => api().patch(`/api/businesses/${business.id}/members/${target.id}`).set(authHeader(limited.token)).send(body);

      grantRefused(await invite({ scopeServices: ['DEL-OFFRE-EMPLOI'] }).expect(403)); // no end date
      grantRefused(await invite({ scopeServices: ['DEL-OFFRE-EMPLOI'], expiresAt: '2030-07-01' }).expect(403));
      grantRefused(await invite({ expiresAt: end }).expect(403)); // every service
      await invite({ scopeServices: ['DEL-OFFRE-EMPLOI'], expiresAt: end }).expect(201);

      const later = await patch({ expiresAt: null }).expect(403);
      expect(later.body.message).toContain('30/06/2030');
      grantRefused(await patch({ scopeServices: ['DEL-OFFRE-EMPLOI', 'DDET-INVEST-TOURISME'] }).expect(403));
      expect((await portal.db.manager.findOneByOrFail(BusinessMembership, { id: target.id })).expiresAt?.toISOString()).toBe('2030-01-31T12:59:59.999Z');
      await patch({ expiresAt: end }).expect(200);
    });

    it('refuses an invitation whose sender’s mandate no longer covers it when it is accepted', async () => {
      const { business, legal, admin, memberships } = await team();
      const invitee = await person();
      await api().post(`/api/businesses/${business.id}/invitations`).set(authHeader(admin.token)).send({ email: invitee.email, role: 'admin' }).expect(201);
      const token = tokenFrom(await portal.smtp.waitFor((m) => m.to.includes(invitee.email)));
      await api().patch(`/api/businesses/${business.id}/members/${memberships.admin.id}`).set(authHeader(legal.token)).send({ scopeDirectorates: ['DDET'] }).expect(200);

      const res = await api().post('/api/business-invitations/accept').set(authHeader(invitee.token)).send({ token }).expect(403);
      expect(res.body).toMatchObject({ code: 'GRANT_EXCEEDS_MANDATE', message: expect.stringMatching(/nouvelle invitation/) });
      expect(await portal.db.manager.countBy(BusinessMembership, { businessId: business.id, accountId: invitee.accountId })).toBe(0);
      await api().get(`/api/businesses/${business.id}`).set(authHeader(invitee.token)).expect(404);
    });
  });

  it('refuses an expired invitation, and one whose sender no longer manages the business', async () => {
    const { business, legal, admin, memberships } = await team();
    const invitee = await person();
    const invite = async () => {
      await api().post(`/api/businesses/${business.id}/invitations`).set(authHeader(admin.token)).send({ email: invitee.email, role: 'member' }).expect(201);
      const mail = await portal.smtp.waitFor((m) => m.to.includes(invitee.email) && !used.has(m.messageId));
      used.add(mail.messageId);
      return tokenFrom(mail);
    };
    const used = new Set<string>();

    const stale = await invite();
    await portal.db.manager.update(BusinessInvitation, { businessId: business.id }, { expiresAt: new Date(Date.now() - 1000) });
    await api().post('/api/business-invitations/accept').set(authHeader(invitee.token)).send({ token: stale }).expect(401);

    const orphan = await invite();
    await api().delete(`/api/businesses/${business.id}/members/${memberships.admin.id}`).set(authHeader(legal.token)).expect(204);
    const res = await api().post('/api/business-invitations/accept').set(authHeader(invitee.token)).send({ token: orphan }).expect(401);
    expect(res.body.message).toMatch(/ne gère plus/);
    await api().get(`/api/businesses/${business.id}`).set(authHeader(invitee.token)).expect(404);
  });

  it('wrote business history only with types that have a French label', async () => {
    expect(await unlabelledHistoryTypes(portal)).toEqual([]);
  });
});
