import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { Account, AccountStatus, issueAccountToken, UNUSABLE_PASSWORD } from '@portal/accounts';
import { Business, BusinessInvitation, BusinessMembership } from '@portal/businesses';
import { ServiceVersion } from '@portal/catalogue';
import { newSecretToken } from '@portal/common';
import { Notification } from '@portal/notifications';
import { DeadLetter } from '@portal/queue';
import { JobOffer } from '@portal/job-offers';
import { Request, RequestStatus } from '@portal/requests';
import { WebhookSubscription } from '@portal/webhooks';
import { PDF } from './documents';
import { authHeader, createAccount, createService, Credentials, login, registerVerified, uniqueEmail } from './factories';
import type { TestPortal } from './test-portal';
import { eventually } from './wait';

/** The session id (`sid`) an access token carries. */
export function sessionIdOf(accessToken: string): string {
  return (JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { sid: string }).sid;
}

/** Everyone the authorization matrix asks, in the order of its columns. */
export const ACTORS = [
  'anonymous',
  'residentA',
  'residentB',
  'businessMember',
  'revokedMember',
  'outOfScopeMember',
  'agentDEL',
  'agentDDET',
  'agentDAJI',
  'supervisorDDET',
  'admin',
] as const;
export type ActorName = (typeof ACTORS)[number];

export interface SignedIn extends Credentials {
  token: string;
}

/**
 * Data handed out until a call succeeds with it, then rebuilt: a row that withdraws, deletes or
 * decides gets fresh data for each successful call, and the calls refused before it (or after it)
 * are tried on data that is still there.
 */
export class Pool<T> {
  private current?: Promise<T>;

  constructor(private readonly make: () => Promise<T>) {}

  take(): Promise<T> {
    return (this.current ??= this.make());
  }

  spend(): void {
    this.current = undefined;
  }
}

export interface FileRef {
  id: string;
  docId: string;
}

const ANSWERS = { loyer: 85_000, commune: 'Nouméa' };
export const DOCUMENT_TYPE = 'piece';

/**
 * The world the matrix runs in: real accounts signed in through the API, a business with a live, a
 * revoked and an out-of-scope mandate, files of a resident and of the business in DDET, and pools of
 * throwaway data for the routes that change or end something.
 */
export class AuthorizationWorld {
  actors = {} as Record<Exclude<ActorName, 'anonymous'>, SignedIn>;
  personService: ServiceVersion;
  businessService: ServiceVersion;
  /** The business: businessMember is its legal representative; DDET files. */
  business: Business;
  /** Another business (its own representative), for ids that belong elsewhere and for invitations. */
  otherBusiness: Business;
  otherRep: SignedIn;
  /** Resident A's draft and submitted (in review) personal files, in DDET, each with a document. */
  aDraft: FileRef;
  aFile: FileRef;
  /** The business's draft and submitted (in review) files, in DDET, each with a document. */
  bizDraft: FileRef;
  bizFile: FileRef;
  /** Resident B's own draft and document (a document id that belongs to another file). */
  bDraft: FileRef;
  aNotificationId: string;
  /** A plain verified member of the business, whose mandate is edited (to the same terms). */
  colleagueMembershipId: string;
  /** A membership of the other business. */
  otherMembershipId: string;
  /**
   * A business where outOfScopeMember is an administrator scoped to DEL (businessMember its legal
   * representative), for the grant rows: a scoped manager grants only within their own mandate.
   */
  scopedBusiness: Business;

  jobOfferId: string;
  otherJobOfferId: string;
  /** A webhook subscription no file of the matrix triggers (DEL, withdrawals only). */
  webhookId: string;
  /** A throwaway account anyone may sign in as (login, refresh, forgotten password). */
  loginTarget: SignedIn;

  readonly pools = {
    aDraft: new Pool(() => this.personDraft(this.actors.residentA.token)),
    aDraftWithDoc: new Pool(() => this.withDocument(this.actors.residentA.token, this.personDraft(this.actors.residentA.token))),
    aInReview: new Pool(() => this.inReview(this.actors.residentA.token, this.personDraft(this.actors.residentA.token))),
    aAwaiting: new Pool(() => this.awaitingApplicant(this.actors.residentA.token, this.personDraft(this.actors.residentA.token))),
    bizDraft: new Pool(() => this.businessDraft()),
    bizDraftWithDoc: new Pool(() => this.withDocument(this.actors.businessMember.token, this.businessDraft())),
    bizAwaiting: new Pool(() => this.awaitingApplicant(this.actors.businessMember.token, this.businessDraft())),
    colleague: new Pool(() => this.membership(this.business.id, 'verified')),
    pendingMember: new Pool(() => this.membership(this.business.id, 'pending')),
    jobOffer: new Pool(() => this.jobOffer(this.business.id, this.actors.businessMember.token)),
    deadLetter: new Pool(() => this.deadLetter()),
    invitationForA: new Pool(() => this.invitation(this.actors.residentA.email)),
    otherInvitationId: new Pool(async () => (await this.insertInvitation(uniqueEmail('invite'), this.otherBusiness.id, this.otherRep.accountId)).id),
    bizInvitationId: new Pool(async () => (await this.insertInvitation(uniqueEmail('invite'), this.business.id, this.actors.businessMember.accountId)).id),
    scopedPending: new Pool(() => this.membership(this.scopedBusiness.id, 'pending')),
    scopedColleague: new Pool(() => this.membership(this.scopedBusiness.id, 'verified')),
    scopedDelColleague: new Pool(() => this.membership(this.scopedBusiness.id, 'verified', ['DEL'])),
    // Sent by the DEL-scoped administrator with no scope, as if their mandate had been narrowed since.
    beyondSenderInvitationForA: new Pool(() => this.invitation(this.actors.residentA.email, this.scopedBusiness.id, this.actors.outOfScopeMember.accountId)),
    verifyEmailToken: new Pool(() => this.accountToken('pending_verification', 'verify_email')),
    resetPasswordToken: new Pool(() => this.accountToken('active', 'reset_password')),
    refreshToken: new Pool(async () => (await login(this.portal, this.loginTarget)).refreshToken),
    dajiOwnLinkFile: new Pool(() => this.ownLinkFile(this.actors.agentDAJI.token)),
    // A staff member between the password and the second factor: to enrol, with an enrolment started, enrolled.
    mfaToEnrol: new Pool(() => this.pendingSecondFactor('enrol')),
    mfaEnrolmentStarted: new Pool(() => this.pendingSecondFactor('started')),
    mfaToVerify: new Pool(() => this.pendingSecondFactor('verify')),
    aOtherSession: new Pool(async () => sessionIdOf((await login(this.portal, this.actors.residentA)).accessToken)),
  };
  /** Active establishments of the shipped registry fixture, one per link file (a second link to one is refused). */
  private readonly linkableRidets = ['1003458001', '1017742001', '1102934001', '1110287001', '1125603001', '1131078001', '1146319001', '1152840001'];

  constructor(readonly portal: TestPortal) {}

  private api() {
    return request(this.portal.url);
  }

  async build(): Promise<void> {
    const { portal } = this;
    // Staff sign in one after another (password, then enrolment of their second factor: three calls
    // each): all at once, on a loaded machine, they ran into the request timeout (503).
    let staffTurn: Promise<unknown> = Promise.resolve();
    const staff = (role: 'agent' | 'supervisor' | 'admin', directorate: 'DEL' | 'DDET' | 'DAJI' | null): Promise<SignedIn> => {
      const next = staffTurn.then(async () => this.signIn(await createAccount(portal, role, directorate)));
      staffTurn = next.catch(() => undefined);
      return next;
    };
    const resident = async (firstName: string) => this.signIn(await registerVerified(portal, { firstName }));
    const [residentA, residentB, businessMember, revokedMember, outOfScopeMember, agentDEL, agentDDET, agentDAJI, supervisorDDET, admin, otherRep, loginTarget] = await Promise.all([
      resident('Alice'),
      resident('Bruno'),
      resident('Chantal'),
      resident('Denis'),
      resident('Emma'),
      staff('agent', 'DEL'),
      staff('agent', 'DDET'),
      staff('agent', 'DAJI'),
      staff('supervisor', 'DDET'),
      staff('admin', null),
      this.signIn(await createAccount(portal, 'citizen')),
      this.signIn(await createAccount(portal, 'citizen')),
    ]);
    this.actors = { residentA, residentB, businessMember, revokedMember, outOfScopeMember, agentDEL, agentDDET, agentDAJI, supervisorDDET, admin };
    this.otherRep = otherRep;
    this.loginTarget = loginTarget;

    const documents = [{ type: DOCUMENT_TYPE, label: 'Pièce justificative', required: false }];
    this.personService = await createService(portal, { directorateCode: 'DDET', applicantKinds: ['person'], requiredDocuments: documents });
    this.businessService = await createService(portal, { directorateCode: 'DDET', applicantKinds: ['business'], requiredDocuments: documents });

    this.business = await this.insertBusiness('9000001001', 'Matrice SARL');
    this.otherBusiness = await this.insertBusiness('9000002001', 'Ailleurs SAS');
    const verified = { status: 'verified' as const, verifiedVia: 'business_admin' as const, verifiedAt: new Date() };
    await portal.db.manager.insert(BusinessMembership, [
      { businessId: this.business.id, accountId: businessMember.accountId, role: 'legal_representative', ...verified },
      { businessId: this.business.id, accountId: revokedMember.accountId, role: 'member', ...verified, status: 'revoked', endedAt: new Date() },
      { businessId: this.business.id, accountId: outOfScopeMember.accountId, role: 'member', ...verified, scopeDirectorates: ['DEL'] },
      { businessId: this.otherBusiness.id, accountId: otherRep.accountId, role: 'legal_representative', ...verified },
    ]);
    this.scopedBusiness = await this.insertBusiness('9000003001', 'Périmètre SARL');
    await portal.db.manager.insert(BusinessMembership, [
      { businessId: this.scopedBusiness.id, accountId: businessMember.accountId, role: 'legal_representative', ...verified },
      { businessId: this.scopedBusiness.id, accountId: outOfScopeMember.accountId, role: 'admin', ...verified, scopeDirectorates: ['DEL'] },
    ]);
    this.colleagueMembershipId = await this.membership(this.business.id, 'verified');
    this.otherMembershipId = await this.membership(this.otherBusiness.id, 'verified');

    const aToken = residentA.token;
    const bizToken = businessMember.token;
    [this.aDraft, this.aFile, this.bizDraft, this.bizFile, this.bDraft, this.jobOfferId, this.otherJobOfferId] = await Promise.all([
      this.withDocument(aToken, this.personDraft(aToken)),
      this.inReview(aToken, this.withDocument(aToken, this.personDraft(aToken))),
      this.withDocument(bizToken, this.businessDraft()),
      this.inReview(bizToken, this.withDocument(bizToken, this.businessDraft())),
      this.withDocument(residentB.token, this.personDraft(residentB.token)),
      this.jobOffer(this.business.id, bizToken),
      this.jobOffer(this.otherBusiness.id, otherRep.token),
    ]);
    const notification = portal.db.manager.create(Notification, { accountId: residentA.accountId, requestId: this.aFile.id, title: 'Pour A seulement', body: 'Votre demande avance.' });
    await portal.db.manager.insert(Notification, notification);
    this.aNotificationId = notification.id;
    this.webhookId = await this.webhook();
  }

  /** A fresh session for this actor (logout ends one without touching the matrix's own). */
  async freshSession(actor: Exclude<ActorName, 'anonymous'>): Promise<string> {
    return (await login(this.portal, this.actors[actor])).accessToken;
  }

  async versionOf(id: string): Promise<number> {
    return (await this.portal.db.manager.findOneByOrFail(Request, { id })).version;
  }

  private async signIn(credentials: Credentials): Promise<SignedIn> {
    return { ...credentials, token: (await login(this.portal, credentials)).accessToken };
  }

  private async insertBusiness(ridet: string, legalName: string): Promise<Business> {
    const business = this.portal.db.manager.create(Business, { rid: ridet.slice(0, 7), ridet, legalName, registryStatus: 'active' });
    await this.portal.db.manager.insert(Business, business);
    return business;
  }

  private async personDraft(token: string): Promise<string> {
    const res = await this.api().post('/api/requests').set(authHeader(token)).send({ serviceCode: this.personService.code, data: ANSWERS }).expect(201);
    return res.body.id as string;
  }

  private async businessDraft(): Promise<string> {
    const res = await this.api()
      .post('/api/requests')
      .set(authHeader(this.actors.businessMember.token))
      .send({ serviceCode: this.businessService.code, businessId: this.business.id, data: ANSWERS })
      .expect(201);
    return res.body.id as string;
  }

  private async withDocument(token: string, draft: Promise<string>): Promise<FileRef> {
    const id = await draft;
    const res = await this.api()
      .post(`/api/requests/${id}/documents`)
      .set(authHeader(token))
      .field('documentType', DOCUMENT_TYPE)
      .attach('file', PDF, { filename: 'piece.pdf', contentType: 'application/pdf' })
      .expect(201);
    return { id, docId: res.body.id as string };
  }

  /** Submitted, then taken through intake by the real worker. */
  private async inReview(token: string, file: Promise<string | FileRef>): Promise<FileRef> {
    const ref = await file;
    const { id, docId } = typeof ref === 'string' ? { id: ref, docId: '' } : ref;
    await this.api().post(`/api/requests/${id}/submit`).set(authHeader(token)).set('idempotency-key', randomUUID()).send({}).expect(200);
    await this.waitForStatus(id, 'in_review');
    return { id, docId };
  }

  /** In review, then the DDET agent asks the applicant for information. */
  private async awaitingApplicant(token: string, draft: Promise<string>): Promise<string> {
    const { id } = await this.inReview(token, draft);
    await this.api()
      .post(`/api/agent/requests/${id}/transition`)
      .set(authHeader(this.actors.agentDDET.token))
      .send({ action: 'request_info', message: 'Une pièce manque.', expectedVersion: await this.versionOf(id) })
      .expect(200);
    await this.waitForStatus(id, 'awaiting_applicant');
    return id;
  }

  private waitForStatus(id: string, status: RequestStatus): Promise<Request> {
    return eventually(async () => {
      const r = await this.portal.db.manager.findOneBy(Request, { id });
      return r?.status === status ? r : null;
    }, 15_000, `file ${id} ${status}`);
  }

  /**
   * A business link asked for by a staff member, as any account may: its DAJI file (justificatif
   * attached, submitted, in review). Approving it makes the asker the business's legal representative.
   */
  private async ownLinkFile(token: string): Promise<string> {
    const ridet = this.linkableRidets.shift();
    if (!ridet) throw new Error('no registry establishment left for another link file');
    const link = await this.api().post('/api/me/business-links').set(authHeader(token)).send({ ridet, role: 'legal_representative' }).expect(201);
    const id = link.body.requestId as string;
    await this.api()
      .post(`/api/requests/${id}/documents`)
      .set(authHeader(token))
      .field('documentType', 'justificatif_pouvoir')
      .attach('file', PDF, { filename: 'pouvoir.pdf', contentType: 'application/pdf' })
      .expect(201);
    return (await this.inReview(token, Promise.resolve(id))).id;
  }

  /** A fresh agent signed in with their password only: the pending token (and the secret, once there is one). */
  private async pendingSecondFactor(stage: 'enrol' | 'started' | 'verify'): Promise<{ mfaToken: string; email: string; secret?: string }> {
    const agent = await createAccount(this.portal, 'agent', 'DEL');
    if (stage === 'verify') await login(this.portal, agent);
    const res = await this.api().post('/api/auth/login').send({ email: agent.email, password: agent.password }).expect(200);
    const mfaToken = res.body.mfaToken as string;
    if (stage !== 'started') return { mfaToken, email: agent.email };
    const enrolment = await this.api().post('/api/auth/mfa/enrolment').send({ mfaToken }).expect(200);
    return { mfaToken, email: agent.email, secret: enrolment.body.secret as string };
  }

  /** An account with a password no one knows, for routes that act on another account. */
  async bystanderId(): Promise<string> {
    return (await this.plainAccount()).id;
  }

  /** An agent of DEL nobody signs in as, for the routes an admin runs on a colleague's account. */
  async staffBystanderId(): Promise<string> {
    return (await this.plainAccount('active', 'agent')).id;
  }

  /** An account nobody signs in as (its password is unusable). */
  private async plainAccount(status: AccountStatus = 'active', role: 'citizen' | 'agent' = 'citizen'): Promise<Account> {
    const account = this.portal.db.manager.create(Account, {
      email: uniqueEmail('tiers'),
      passwordHash: UNUSABLE_PASSWORD,
      role,
      directorateCode: role === 'agent' ? 'DEL' : null,
      firstName: 'Tiers',
      lastName: randomBytes(3).toString('hex'),
      status,
      emailVerifiedAt: status === 'active' ? new Date() : null,
    });
    await this.portal.db.manager.insert(Account, account);
    return account;
  }

  private async membership(businessId: string, status: 'verified' | 'pending', scopeDirectorates: string[] | null = null): Promise<string> {
    const account = await this.plainAccount();
    const membership = this.portal.db.manager.create(BusinessMembership, {
      businessId,
      accountId: account.id,
      role: 'member',
      status,
      scopeDirectorates,
      ...(status === 'verified' ? { verifiedVia: 'business_admin' as const, verifiedAt: new Date() } : {}),
    });
    await this.portal.db.manager.insert(BusinessMembership, membership);
    return membership.id;
  }

  /** A published offer; its (required, unique) file is a draft of the business. */
  private async jobOffer(businessId: string, repToken: string): Promise<string> {
    const res = await this.api().post('/api/requests').set(authHeader(repToken)).send({ serviceCode: this.businessService.code, businessId, data: ANSWERS }).expect(201);
    const offer = this.portal.db.manager.create(JobOffer, {
      requestId: res.body.id as string,
      businessId,
      title: 'Menuisier confirmé',
      contractType: 'cdi',
      commune: 'Païta',
      description: 'Atelier de menuiserie.',
      monthlySalaryXpf: null,
      startDate: null,
      contactEmail: null,
      publishedAt: new Date(),
      expiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    });
    await this.portal.db.manager.insert(JobOffer, offer);
    return offer.id;
  }

  private async webhook(): Promise<string> {
    const subscription = this.portal.db.manager.create(WebhookSubscription, {
      url: 'https://webhooks.invalid/matrice',
      directorateCode: 'DEL',
      eventTypes: ['withdrawn'],
      secret: `whsec_${randomBytes(32).toString('base64')}`,
      createdBy: this.actors.admin.accountId,
    });
    await this.portal.db.manager.insert(WebhookSubscription, subscription);
    return subscription.id;
  }

  /** A failed `email.send` whose email does not exist: replaying it is harmless. */
  private async deadLetter(): Promise<string> {
    const letter = this.portal.db.manager.create(DeadLetter, {
      jobId: `matrix-${randomUUID()}`,
      queue: 'notifications',
      jobName: 'email.send',
      payload: { emailId: randomUUID() },
      error: 'SMTP refused',
      attempts: 5,
    });
    await this.portal.db.manager.insert(DeadLetter, letter);
    return letter.id;
  }

  /** An invitation (default: to the other business, sent by its representative) to `email`; returns the token. */
  /** A pending invitation's token, the capability its email carries. */
  private async invitation(email: string, businessId = this.otherBusiness.id, invitedBy = this.otherRep.accountId): Promise<string> {
    return (await this.insertInvitation(email, businessId, invitedBy)).token;
  }

  private async insertInvitation(email: string, businessId: string, invitedBy: string): Promise<{ id: string; token: string }> {
    const { token, hash } = newSecretToken();
    const inserted = await this.portal.db.manager.insert(BusinessInvitation, {
      businessId,
      email,
      role: 'member',
      tokenHash: hash,
      invitedBy,
      expiresAt: new Date(Date.now() + 24 * 3600 * 1000),
    });
    return { id: inserted.identifiers[0].id as string, token };
  }

  private async accountToken(status: AccountStatus, purpose: 'verify_email' | 'reset_password'): Promise<string> {
    const account = await this.plainAccount(status);
    return issueAccountToken(this.portal.db.manager, account.id, purpose, 3600);
  }
}
