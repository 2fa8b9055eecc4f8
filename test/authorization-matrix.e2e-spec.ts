import { randomBytes, randomUUID } from 'node:crypto';
import { get } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { ACTORS, ActorName, AuthorizationWorld, DOCUMENT_TYPE, Pool, sessionIdOf } from './support/authorization-fixtures';
import { PDF } from './support/documents';
import { totpCode } from '@portal/auth';
import { authHeader, GOOD_PASSWORD, nextTotpCode, rememberTotpSecret, uniqueEmail } from './support/factories';
import { OidcTestProvider } from './support/oidc-test-provider';
import { nestRoutes } from './support/routes';
import { startTestPortal, TestPortal } from './support/test-portal';

/**
 * Every route × every actor → the expected outcome, run against the real app (PostgreSQL, Redis,
 * worker). A route the app serves that is missing from the table fails the suite, so a new route
 * cannot ship unchecked.
 *
 * Outcomes: `ok` 2xx · `reach` authorized, anything but 401/403/404 (e.g. a 409 on purpose) · `401`
 * `403` `404` exactly · `skip` only with `skip: reason`. A 5xx is always a mismatch. A file, business,
 * document… that is not the caller's is "not found" (404), never "forbidden": only role-gated routes
 * (agent, admin) and a live member's lack of rights within their own business answer 403.
 *
 * MATRIX_DEBUG=1 prints every call's status.
 */

type Outcome = 'ok' | 'reach' | '401' | '403' | '404' | 'skip';
const OUTCOMES: readonly Outcome[] = ['ok', 'reach', '401', '403', '404', 'skip'];

interface Ctx {
  actor: ActorName;
  /** Data from a pool: spent (rebuilt for the next call) once a call using it succeeds. */
  take<T>(pool: Pool<T>): Promise<T>;
}

interface Row {
  /** `METHOD /path/:param`, as the app registers it. */
  route: string;
  /** Which data the row is about, when a route has several rows. */
  on?: string;
  /** One outcome per actor, in the order of ACTORS (see the column header above each block). */
  expect: string;
  params?: (c: Ctx) => Record<string, string> | Promise<Record<string, string>>;
  query?: string;
  body?: (c: Ctx) => object | Promise<object>;
  /** A multipart upload of a small PDF with this document type. */
  upload?: string;
  /** A multipart message with this text and a small PDF attached. */
  message?: string;
  headers?: () => Record<string, string>;
  /** The bearer token to use instead of the actor's main session (e.g. a fresh one to log out). */
  session?: (c: Ctx) => Promise<string | undefined>;
  /** Server-Sent Events: only the status line is read, then the connection is dropped. */
  stream?: true;
  /** Ids that must not appear in a 2xx body, except for these actors (to whom at least one must). */
  hidden?: { values: () => string[]; visibleTo: ActorName[] };
  /** Agent and admin routes: a citizen gets 403 by role, before any lookup. */
  roleGated?: true;
  skip?: string;
}

let w: AuthorizationWorld;
const OIDC_PROVIDER = 'test';
const fresh = () => randomBytes(4).toString('hex');
const actorToken = (actor: ActorName): string | undefined => (actor === 'anonymous' ? undefined : w.actors[actor].token);

/** A resident's own second factor: a fresh enrolment through the API, and its first code. Staff have one already. */
async function enrolledCode(actor: ActorName): Promise<{ code: string }> {
  const token = actorToken(actor);
  if (actor === 'anonymous' || !token) return { code: '000000' };
  const res = await request(w.portal.url).post('/api/me/mfa/enrolment').set(authHeader(token));
  if (res.status !== 200) return { code: '000000' };
  rememberTotpSecret(w.actors[actor].email, res.body.secret as string);
  return { code: await nextTotpCode(w.portal, w.actors[actor].email) };
}

// Columns (ACTORS): an anonymous · A resident A (owns the personal files) · B resident B (unrelated) ·
// biz the business's verified legal representative (owns the business files) · rev a member whose
// mandate was revoked · oos a verified plain member whose mandate covers DEL only (the business files
// are DDET; DEL is the job offers' directorate) · DEL / DDT / DAJ an agent of DEL, DDET, DAJI ·
// sup DDET's supervisor · adm an admin. A's and the business's files are in DDET.
// prettier-ignore
const TABLE: Row[] = [
  // ─── Public
  //         an  A   B   biz rev oos DEL DDT DAJ sup adm
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /health/live' },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /health/ready' },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/catalogue/services' },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/catalogue/services/:code', params: () => ({ code: w.personService.code }) },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/catalogue/services/:code/versions/:version', params: () => ({ code: w.personService.code, version: '1' }) },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/job-offers' },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/job-offers/:id', params: () => ({ id: w.jobOfferId }) },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/seal/keys' },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/verifications', body: () => ({ code: 'ZZZZ-ZZZZ-ZZZZ' }) },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/verifications/document', upload: DOCUMENT_TYPE },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/auth/register', body: () => ({ email: uniqueEmail('inscrit'), password: GOOD_PASSWORD, firstName: 'Nouvel', lastName: 'Inscrit' }) },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/auth/verify-email', body: async (c) => ({ token: await c.take(w.pools.verifyEmailToken) }) },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/auth/login', body: () => ({ email: w.loginTarget.email, password: w.loginTarget.password }) },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/auth/refresh', body: async (c) => ({ refreshToken: await c.take(w.pools.refreshToken) }) },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/auth/password/forgot', body: () => ({ email: w.loginTarget.email }) },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/auth/mfa/enrolment', body: async (c) => ({ mfaToken: (await c.take(w.pools.mfaToEnrol)).mfaToken }) },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/auth/mfa/enrolment/confirm', body: async (c) => { const p = await c.take(w.pools.mfaEnrolmentStarted); return { mfaToken: p.mfaToken, code: totpCode(p.secret ?? '') }; } },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/auth/mfa/verify', body: async (c) => { const p = await c.take(w.pools.mfaToVerify); return { mfaToken: p.mfaToken, code: await nextTotpCode(w.portal, p.email) }; } },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/auth/oidc/providers' },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/auth/oidc/:provider/start', params: () => ({ provider: OIDC_PROVIDER }) },
  // Without the browser's transaction cookie: 400 OIDC_SIGN_IN_EXPIRED whoever calls (the whole flow: oidc-sign-in.e2e-spec.ts).
  { expect: 'reach reach reach reach reach reach reach reach reach reach reach', route: 'POST /api/auth/oidc/:provider/callback', params: () => ({ provider: OIDC_PROVIDER }), body: () => ({ query: 'code=abc&state=def' }) },
  { expect: 'ok  ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/auth/password/reset', body: async (c) => ({ token: await c.take(w.pools.resetPasswordToken), password: `${GOOD_PASSWORD} renouvelée` }) },

  // ─── Me
  //         an  A   B   biz rev oos DEL DDT DAJ sup adm
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/me' },
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'PATCH /api/me', body: () => ({ phone: '+687 25.12.34' }) },
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/me/export', hidden: { values: () => [w.aFile.id, w.aDraft.id, w.aNotificationId], visibleTo: ['residentA'] } },
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/me/events', stream: true },
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/me/notifications', hidden: { values: () => [w.aNotificationId], visibleTo: ['residentA'] } },
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/me/notifications/read-all' },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'POST /api/me/notifications/:id/read', params: () => ({ id: w.aNotificationId }) },
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/me/businesses', hidden: { values: () => [w.business.id], visibleTo: ['businessMember', 'outOfScopeMember'] } },
  // Staff have a second factor already (409); residents turn theirs on (the factories keep the secret for later sign-ins).
  { expect: '401 ok  ok  ok  ok  ok  reach reach reach reach reach', route: 'POST /api/me/mfa/enrolment' },
  { expect: '401 ok  ok  ok  ok  ok  reach reach reach reach reach', route: 'POST /api/me/mfa/enrolment/confirm', body: (c) => enrolledCode(c.actor) },
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/me/mfa' },
  // Residents turn the factor they just turned on off again (a current code); staff may not while it is required.
  { expect: '401 ok  ok  ok  ok  ok  403 403 403 403 403', route: 'POST /api/me/mfa/disable', body: async (c) => ({ code: c.actor === 'anonymous' ? '000000' : await nextTotpCode(w.portal, w.actors[c.actor].email) }) },
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/me/sessions', hidden: { values: () => [sessionIdOf(w.actors.residentA.token)], visibleTo: ['residentA'] } },
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/me/identities' },
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/me/identities/:provider/link', params: () => ({ provider: OIDC_PROVIDER }) },
  // No id: only one's own identity at that provider, ever; nobody here has linked one.
  { expect: '401 404 404 404 404 404 404 404 404 404 404', route: 'DELETE /api/me/identities/:provider', params: () => ({ provider: OIDC_PROVIDER }) },
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/me/business-links', body: () => ({ ridet: '1 234 567 001', role: 'delegate' }) },

  // ─── Requests, applicant side
  //         an  A   B   biz rev oos DEL DDT DAJ sup adm
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/requests', on: 'as a person', body: () => ({ serviceCode: w.personService.code, data: { loyer: 1000, commune: 'Thio' } }) },
  { expect: '401 404 404 ok  404 403 404 404 404 404 404', route: 'POST /api/requests', on: 'for the business', body: () => ({ serviceCode: w.businessService.code, businessId: w.business.id }) },
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/requests', query: 'limit=100', hidden: { values: () => [w.aFile.id, w.aDraft.id], visibleTo: ['residentA'] } },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'GET /api/requests/:id', on: "A's file", params: () => ({ id: w.aFile.id }) },
  { expect: '401 404 404 ok  404 404 404 404 404 404 404', route: 'GET /api/requests/:id', on: 'business file', params: () => ({ id: w.bizFile.id }) },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'PATCH /api/requests/:id', on: "A's draft", params: () => ({ id: w.aDraft.id }), body: () => ({ data: { loyer: 90_000, commune: 'Nouméa' } }) },
  { expect: '401 404 404 ok  404 404 404 404 404 404 404', route: 'PATCH /api/requests/:id', on: 'business draft', params: () => ({ id: w.bizDraft.id }), body: () => ({ data: { loyer: 90_000, commune: 'Nouméa' } }) },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'GET /api/requests/:id/timeline', on: "A's file", params: () => ({ id: w.aFile.id }) },
  { expect: '401 404 404 ok  404 404 404 404 404 404 404', route: 'GET /api/requests/:id/timeline', on: 'business file', params: () => ({ id: w.bizFile.id }) },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'GET /api/requests/:id/messages', on: "A's file", params: () => ({ id: w.aFile.id }) },
  { expect: '401 404 404 ok  404 404 404 404 404 404 404', route: 'GET /api/requests/:id/messages', on: 'business file', params: () => ({ id: w.bizFile.id }) },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'POST /api/requests/:id/messages', on: "A's file", params: () => ({ id: w.aFile.id }), body: () => ({ body: 'Bonjour, où en est ma demande ?' }) },
  { expect: '401 404 404 ok  404 404 404 404 404 404 404', route: 'POST /api/requests/:id/messages', on: 'business file', params: () => ({ id: w.bizFile.id }), body: () => ({ body: 'Bonjour, où en est notre demande ?' }) },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'POST /api/requests/:id/messages/with-documents', on: "A's file", params: () => ({ id: w.aFile.id }), message: 'Voici la pièce demandée.' },
  { expect: '401 404 404 ok  404 404 404 404 404 404 404', route: 'POST /api/requests/:id/messages/with-documents', on: 'business file', params: () => ({ id: w.bizFile.id }), message: 'Voici la pièce demandée.' },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'GET /api/requests/:id/events', on: "A's file", params: () => ({ id: w.aFile.id }), stream: true },
  { expect: '401 404 404 ok  404 404 404 404 404 404 404', route: 'GET /api/requests/:id/events', on: 'business file', params: () => ({ id: w.bizFile.id }), stream: true },

  // ─── Documents: the applicant, and staff of the file's directorate (DDET)
  //         an  A   B   biz rev oos DEL DDT DAJ sup adm
  { expect: '401 ok  404 404 404 404 404 ok  404 ok  ok',  route: 'GET /api/requests/:id/documents', on: "A's file", params: () => ({ id: w.aFile.id }) },
  { expect: '401 404 404 ok  404 404 404 ok  404 ok  ok',  route: 'GET /api/requests/:id/documents', on: 'business file', params: () => ({ id: w.bizFile.id }) },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'GET /api/requests/:id/documents', on: "A's draft (not submitted)", params: () => ({ id: w.aDraft.id }) },
  { expect: '401 ok  404 404 404 404 404 ok  404 ok  ok',  route: 'GET /api/requests/:id/documents/:docId', on: "A's file", params: () => ({ id: w.aFile.id, docId: w.aFile.docId }) },
  { expect: '401 404 404 ok  404 404 404 ok  404 ok  ok',  route: 'GET /api/requests/:id/documents/:docId', on: 'business file', params: () => ({ id: w.bizFile.id, docId: w.bizFile.docId }) },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'GET /api/requests/:id/documents/:docId', on: "A's draft (not submitted)", params: () => ({ id: w.aDraft.id, docId: w.aDraft.docId }) },
  { expect: '401 404 404 404 404 404 404 404 404 404 404', route: 'GET /api/requests/:id/documents/:docId', on: "A's file with B's document", params: () => ({ id: w.aFile.id, docId: w.bDraft.docId }) },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'POST /api/requests/:id/documents', on: "A's draft", params: () => ({ id: w.aDraft.id }), upload: DOCUMENT_TYPE },
  { expect: '401 404 404 ok  404 404 404 404 404 404 404', route: 'POST /api/requests/:id/documents', on: 'business draft', params: () => ({ id: w.bizDraft.id }), upload: DOCUMENT_TYPE },

  // ─── Businesses: live members; managers (legal representative, admin) manage
  //         an  A   B   biz rev oos DEL DDT DAJ sup adm
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'GET /api/businesses/lookup', query: 'ridet=1234567001' },
  { expect: '401 404 404 ok  404 ok  404 404 404 404 404', route: 'GET /api/businesses/:id', params: () => ({ id: w.business.id }) },
  { expect: '401 404 404 ok  404 403 404 404 404 404 404', route: 'GET /api/businesses/:id/history', params: () => ({ id: w.business.id }) },
  { expect: '401 404 404 ok  404 ok  404 404 404 404 404', route: 'GET /api/businesses/:id/members', params: () => ({ id: w.business.id }) },
  { expect: '401 404 404 ok  404 403 404 404 404 404 404', route: 'PATCH /api/businesses/:id/members/:membershipId', on: 'a colleague', params: () => ({ id: w.business.id, membershipId: w.colleagueMembershipId }), body: () => ({ role: 'member' }) },
  { expect: '401 404 404 404 404 403 404 404 404 404 404', route: 'PATCH /api/businesses/:id/members/:membershipId', on: "another business's member", params: () => ({ id: w.business.id, membershipId: w.otherMembershipId }), body: () => ({ role: 'member' }) },
  { expect: '401 404 404 ok  404 403 404 404 404 404 404', route: 'POST /api/businesses/:id/invitations', params: () => ({ id: w.business.id }), body: () => ({ email: uniqueEmail('invite'), role: 'member' }) },
  { expect: '401 404 404 ok  404 403 404 404 404 404 404', route: 'GET /api/businesses/:id/invitations', params: () => ({ id: w.business.id }) },
  { expect: '401 404 404 ok  404 403 404 404 404 404 404', route: 'DELETE /api/businesses/:id/invitations/:invitationId', params: async (c) => ({ id: w.business.id, invitationId: await c.take(w.pools.bizInvitationId) }) },
  { expect: '401 404 404 404 404 403 404 404 404 404 404', route: 'DELETE /api/businesses/:id/invitations/:invitationId', on: "another business's invitation", params: async (c) => ({ id: w.business.id, invitationId: await c.take(w.pools.otherInvitationId) }) },
  { expect: '401 404 404 ok  404 ok  404 404 404 404 404', route: 'GET /api/businesses/:businessId/requests', params: () => ({ businessId: w.business.id }), hidden: { values: () => [w.bizFile.id, w.bizDraft.id], visibleTo: ['businessMember'] } },
  { expect: '401 404 404 ok  404 ok  404 404 404 404 404', route: 'GET /api/businesses/:businessId/job-offers', params: () => ({ businessId: w.business.id }) },
  // The token is the capability: only the person it was sent to (A) may spend it.
  { expect: '401 ok  403 403 403 403 403 403 403 403 403', route: 'POST /api/business-invitations/accept', body: async (c) => ({ token: await c.take(w.pools.invitationForA) }) },

  // ─── Grants on the scoped business, where oos is an administrator for DEL only: within DEL, or refused (403)
  //         an  A   B   biz rev oos DEL DDT DAJ sup adm
  { expect: '401 404 404 ok  404 403 404 404 404 404 404', route: 'PATCH /api/businesses/:id/members/:membershipId', on: 'scoped business: a DEL colleague, to every directorate', params: async (c) => ({ id: w.scopedBusiness.id, membershipId: await c.take(w.pools.scopedDelColleague) }), body: () => ({ scopeDirectorates: null }) },
  { expect: '401 404 404 ok  404 ok  404 404 404 404 404', route: 'PATCH /api/businesses/:id/members/:membershipId', on: 'scoped business: an unrestricted colleague, to DEL', params: async (c) => ({ id: w.scopedBusiness.id, membershipId: await c.take(w.pools.scopedColleague) }), body: () => ({ scopeDirectorates: ['DEL'] }) },
  { expect: '401 404 404 ok  404 403 404 404 404 404 404', route: 'POST /api/businesses/:id/invitations', on: 'scoped business: an administrator for every directorate', params: () => ({ id: w.scopedBusiness.id }), body: () => ({ email: uniqueEmail('invite'), role: 'admin' }) },
  { expect: '401 404 404 ok  404 ok  404 404 404 404 404', route: 'POST /api/businesses/:id/invitations', on: 'scoped business: an administrator for DEL', params: () => ({ id: w.scopedBusiness.id }), body: () => ({ email: uniqueEmail('invite'), role: 'admin', scopeDirectorates: ['DEL'] }) },
  { expect: '401 404 404 ok  404 403 404 404 404 404 404', route: 'POST /api/businesses/:id/members/:membershipId/approve', on: 'scoped business: as asked (every directorate)', params: async (c) => ({ id: w.scopedBusiness.id, membershipId: await c.take(w.pools.scopedPending) }) },
  { expect: '401 404 404 ok  404 ok  404 404 404 404 404', route: 'POST /api/businesses/:id/members/:membershipId/approve', on: 'scoped business: narrowed to DEL', params: async (c) => ({ id: w.scopedBusiness.id, membershipId: await c.take(w.pools.scopedPending) }), body: () => ({ scopeDirectorates: ['DEL'] }) },
  // An invitation the DEL administrator's mandate does not cover: not even its addressee (A) may spend it.
  { expect: '401 403 403 403 403 403 403 403 403 403 403', route: 'POST /api/business-invitations/accept', on: "beyond its sender's mandate", body: async (c) => ({ token: await c.take(w.pools.beyondSenderInvitationForA) }) },

  // ─── Agents: their directorate's files only (A's and the business's files are DDET)
  //         an  A   B   biz rev oos DEL DDT DAJ sup adm
  { expect: '401 403 403 403 403 403 ok  ok  ok  ok  ok',  route: 'GET /api/agent/requests', roleGated: true, query: 'limit=100&directorate=DDET', hidden: { values: () => [w.aFile.id, w.bizFile.id, w.aDraft.id], visibleTo: ['agentDDET', 'supervisorDDET', 'admin'] } },
  { expect: '401 403 403 403 403 403 404 ok  404 ok  ok',  route: 'GET /api/agent/requests/:id', on: "A's file", roleGated: true, params: () => ({ id: w.aFile.id }) },
  { expect: '401 403 403 403 403 403 404 404 404 404 404', route: 'GET /api/agent/requests/:id', on: "A's draft (not submitted)", roleGated: true, params: () => ({ id: w.aDraft.id }) },
  { expect: '401 403 403 403 403 403 404 ok  404 ok  ok',  route: 'POST /api/agent/requests/:id/assign', roleGated: true, params: () => ({ id: w.aFile.id }),
    body: async (c) => ({ expectedVersion: await w.versionOf(w.aFile.id), ...(c.actor === 'admin' ? { assigneeId: w.actors.agentDDET.accountId } : {}) }) },
  { expect: '401 403 403 403 403 403 404 ok  404 ok  ok',  route: 'POST /api/agent/requests/:id/notes', on: "A's file", roleGated: true, params: () => ({ id: w.aFile.id }), body: () => ({ body: 'Note interne' }) },
  { expect: '401 403 403 403 403 403 404 404 404 404 404', route: 'POST /api/agent/requests/:id/notes', on: "A's draft (not submitted)", roleGated: true, params: () => ({ id: w.aDraft.id }), body: () => ({ body: 'Note interne' }) },
  { expect: '401 403 403 403 403 403 404 ok  404 ok  ok',  route: 'POST /api/agent/requests/:id/messages', on: "A's file", roleGated: true, params: () => ({ id: w.aFile.id }), body: () => ({ body: 'Bonjour, nous examinons votre demande.' }) },
  { expect: '401 403 403 403 403 403 404 404 404 404 404', route: 'POST /api/agent/requests/:id/messages', on: "A's draft (not submitted)", roleGated: true, params: () => ({ id: w.aDraft.id }), body: () => ({ body: 'Bonjour, nous examinons votre demande.' }) },
  { expect: '401 403 403 403 403 403 404 ok  404 ok  ok',  route: 'POST /api/agent/requests/:id/messages/with-documents', on: "A's file", roleGated: true, params: () => ({ id: w.aFile.id }), message: 'Modèle d’attestation ci-joint.' },
  { expect: '401 403 403 403 403 403 404 404 404 404 404', route: 'POST /api/agent/requests/:id/messages/with-documents', on: "A's draft (not submitted)", roleGated: true, params: () => ({ id: w.aDraft.id }), message: 'Modèle d’attestation ci-joint.' },
  { expect: '401 403 403 403 403 403 ok  ok  ok  ok  ok',  route: 'GET /api/agent/team', roleGated: true, hidden: { values: () => [w.actors.agentDDET.accountId], visibleTo: ['agentDDET', 'supervisorDDET', 'admin'] } },
  { expect: '401 403 403 403 403 403 ok  ok  ok  ok  ok',  route: 'GET /api/agent/requests/export', roleGated: true, query: 'directorate=DDET', hidden: { values: () => ['Alice', 'Matrice SARL'], visibleTo: ['agentDDET', 'supervisorDDET', 'admin'] } },
  { expect: '401 403 403 403 403 403 ok  ok  ok  ok  ok',  route: 'GET /api/agent/events', roleGated: true, stream: true },

  // ─── Admin
  //         an  A   B   biz rev oos DEL DDT DAJ sup adm
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'GET /api/admin/jobs/dead-letters', roleGated: true },
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'GET /api/admin/webhooks', roleGated: true },
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'POST /api/admin/webhooks', roleGated: true, body: () => ({ url: 'https://webhooks.invalid/matrice', directorateCode: 'DEL', eventTypes: ['withdrawn'] }) },
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'GET /api/admin/webhooks/:id/deliveries', roleGated: true, params: () => ({ id: w.webhookId }) },
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'POST /api/admin/webhooks/:id/redeliver', roleGated: true, params: () => ({ id: w.webhookId }), body: () => ({ afterEventId: '0' }) },
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'POST /api/admin/accounts/:id/mfa/reset', roleGated: true, params: async () => ({ id: await w.bystanderId() }) },
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'GET /api/admin/agents', roleGated: true, hidden: { values: () => [w.actors.agentDEL.accountId], visibleTo: ['admin'] } },
  // A fresh agent nobody signs in as, each call.
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'POST /api/admin/agents/:id/deactivate', roleGated: true, params: async () => ({ id: await w.staffBystanderId() }) },
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'GET /api/admin/services', roleGated: true },
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'GET /api/admin/services/:code/versions', roleGated: true, params: () => ({ code: w.personService.code }) },
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'POST /api/admin/audit/verify', roleGated: true, body: () => ({}) },
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'POST /api/admin/agents', roleGated: true, body: () => ({ email: uniqueEmail('agent'), firstName: 'Nouvel', lastName: 'Agent', role: 'agent', directorateCode: 'DEL' }) },
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'POST /api/catalogue/services/:code/versions', roleGated: true, params: () => ({ code: `MATRICE-${fresh().toUpperCase()}` }),
    body: () => ({ title: 'Démarche de la matrice', description: 'Publiée par la matrice.', directorateCode: 'DEL', applicantKinds: ['person'], formSchema: w.personService.formSchema, requiredDocuments: [], deadlineRule: w.personService.deadlineRule, open: true }) },

  // ─── Routes that change or end something: fresh data per success (pools), last
  //         an  A   B   biz rev oos DEL DDT DAJ sup adm
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'POST /api/requests/:id/submit', on: "A's draft", params: async (c) => ({ id: await c.take(w.pools.aDraft) }), headers: () => ({ 'idempotency-key': randomUUID() }), body: () => ({}) },
  { expect: '401 404 404 ok  404 404 404 404 404 404 404', route: 'POST /api/requests/:id/submit', on: 'business draft', params: async (c) => ({ id: await c.take(w.pools.bizDraft) }), headers: () => ({ 'idempotency-key': randomUUID() }), body: () => ({}) },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'POST /api/requests/:id/resubmit', on: "A's file awaiting A", params: async (c) => ({ id: await c.take(w.pools.aAwaiting) }), body: () => ({ message: 'Voici la pièce.' }) },
  { expect: '401 404 404 ok  404 404 404 404 404 404 404', route: 'POST /api/requests/:id/resubmit', on: 'business file awaiting the business', params: async (c) => ({ id: await c.take(w.pools.bizAwaiting) }), body: () => ({ message: 'Voici la pièce.' }) },
  { expect: '401 403 403 403 403 403 404 ok  404 ok  ok',  route: 'POST /api/agent/requests/:id/transition', on: "A's file", roleGated: true, params: async (c) => ({ id: (await c.take(w.pools.aInReview)).id }),
    body: async (c) => ({ action: 'request_info', message: 'Précisez votre commune.', expectedVersion: await w.versionOf((await c.take(w.pools.aInReview)).id) }) },
  // Nobody decides their own file: here the DAJI agent's own link request, whose approval would make them a business's legal representative.
  { expect: '401 403 403 403 403 403 404 404 403 404 ok',  route: 'POST /api/agent/requests/:id/transition', on: "the DAJI agent's own link file", roleGated: true, params: async (c) => ({ id: await c.take(w.pools.dajiOwnLinkFile) }),
    body: async (c) => ({ action: 'approve', expectedVersion: await w.versionOf(await c.take(w.pools.dajiOwnLinkFile)) }) },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'DELETE /api/requests/:id/documents/:docId', on: "A's draft", params: async (c) => { const f = await c.take(w.pools.aDraftWithDoc); return { id: f.id, docId: f.docId }; } },
  { expect: '401 404 404 ok  404 404 404 404 404 404 404', route: 'DELETE /api/requests/:id/documents/:docId', on: 'business draft', params: async (c) => { const f = await c.take(w.pools.bizDraftWithDoc); return { id: f.id, docId: f.docId }; } },
  { expect: '401 404 404 404 404 404 404 404 404 404 404', route: 'DELETE /api/requests/:id/documents/:docId', on: "A's draft with B's document", params: () => ({ id: w.aDraft.id, docId: w.bDraft.docId }) },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'POST /api/requests/:id/withdraw', on: "A's draft", params: async (c) => ({ id: await c.take(w.pools.aDraft) }) },
  { expect: '401 404 404 ok  404 404 404 404 404 404 404', route: 'POST /api/requests/:id/withdraw', on: 'business draft', params: async (c) => ({ id: await c.take(w.pools.bizDraft) }) },
  { expect: '401 404 404 ok  404 ok  404 404 404 404 404', route: 'POST /api/businesses/:businessId/job-offers/:offerId/withdraw', on: "the business's offer", params: async (c) => ({ businessId: w.business.id, offerId: await c.take(w.pools.jobOffer) }) },
  { expect: '401 404 404 404 404 404 404 404 404 404 404', route: 'POST /api/businesses/:businessId/job-offers/:offerId/withdraw', on: "another business's offer", params: () => ({ businessId: w.business.id, offerId: w.otherJobOfferId }) },
  { expect: '401 404 404 ok  404 403 404 404 404 404 404', route: 'POST /api/businesses/:id/members/:membershipId/approve', params: async (c) => ({ id: w.business.id, membershipId: await c.take(w.pools.pendingMember) }) },
  { expect: '401 404 404 ok  404 403 404 404 404 404 404', route: 'POST /api/businesses/:id/members/:membershipId/refuse', params: async (c) => ({ id: w.business.id, membershipId: await c.take(w.pools.pendingMember) }), body: () => ({ reason: 'Personne inconnue de l’entreprise.' }) },
  { expect: '401 404 404 ok  404 403 404 404 404 404 404', route: 'DELETE /api/businesses/:id/members/:membershipId', params: async (c) => ({ id: w.business.id, membershipId: await c.take(w.pools.colleague) }) },
  // Disabling is idempotent: every admin call answers the same subscription.
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'DELETE /api/admin/webhooks/:id', roleGated: true, params: () => ({ id: w.webhookId }) },
  { expect: '401 403 403 403 403 403 403 403 403 403 ok',  route: 'POST /api/admin/jobs/dead-letters/:id/replay', roleGated: true, params: async (c) => ({ id: await c.take(w.pools.deadLetter) }) },
  { expect: '401 ok  404 404 404 404 404 404 404 404 404', route: 'DELETE /api/me/sessions/:id', on: "another of A's sessions", params: async (c) => ({ id: await c.take(w.pools.aOtherSession) }) },
  // Each actor's main session is the current one: it stays.
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/me/sessions/revoke-others' },
  { expect: '401 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok',  route: 'POST /api/auth/logout', session: async (c) => (c.actor === 'anonymous' ? undefined : w.freshSession(c.actor)) },
  // The very last row: it erases the residents' own accounts (no id: only oneself, ever). Staff keep theirs.
  { expect: '401 ok  ok  ok  ok  ok  403 403 403 403 403', route: 'POST /api/me/erasure', body: () => ({ password: GOOD_PASSWORD }) },
];

/** Served, but deliberately not in the table. */
const NOT_IN_TABLE: Array<{ pattern: RegExp; reason: string }> = [
  { pattern: /^HEAD /, reason: 'Fastify answers HEAD with the GET route’s handler, guards included: the GET row covers it.' },
  { pattern: /^GET \/docs/, reason: 'Swagger UI and the OpenAPI document: static, public by design, no personal data.' },
  { pattern: /^OPTIONS /, reason: 'CORS preflight (only when CORS_ORIGINS is set): answered by the CORS plugin, no handler, no data.' },
  {
    pattern: /^GET \/(assets\/[\w.-]+|[\w.-]+\.(html|svg)(\.br|\.gz)?)$/,
    reason: 'The web app’s built files (dist/web, apps/api/src/web-app.ts): public, the same for everyone, no data.',
  },
];

function parseExpect(row: Row): Record<ActorName, Outcome> {
  const tokens = row.expect.trim().split(/\s+/);
  if (tokens.length !== ACTORS.length) throw new Error(`${label(row)}: ${tokens.length} outcomes for ${ACTORS.length} actors`);
  for (const t of tokens) if (!OUTCOMES.includes(t as Outcome)) throw new Error(`${label(row)}: unknown outcome "${t}"`);
  if (tokens.includes('skip') && !row.skip) throw new Error(`${label(row)}: "skip" needs a reason`);
  return Object.fromEntries(ACTORS.map((a, i) => [a, tokens[i] as Outcome])) as Record<ActorName, Outcome>;
}

const label = (row: Row) => (row.on ? `${row.route} [${row.on}]` : row.route);
const shape = (key: string) => key.replace(/:[^/]+/g, ':');

/** What Fastify itself serves (any plugin included), from its route tree; parameter names erased. */
function fastifyRouteShapes(app: NestFastifyApplication): string[] {
  const tree = app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const keys = new Set<string>();
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    const path = (depth > 0 ? stack[depth - 1] : '') + m[2];
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) keys.add(`${method} ${shape(path)}`);
  }
  return [...keys].sort();
}

/** The status of an event stream, then the connection is dropped (the body only when refused). */
function streamStatus(url: string, token: string | undefined): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const req = get(url, { headers: { accept: 'text/event-stream', ...(token ? authHeader(token) : {}) } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status === 200) {
        settled = true;
        res.destroy();
        req.destroy();
        resolve({ status, text: '' });
        return;
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        settled = true;
        resolve({ status, text });
      });
    });
    req.setTimeout(5_000, () => req.destroy(new Error('no status line within 5 s')));
    req.on('error', (error) => {
      if (!settled) reject(error);
    });
  });
}

function matches(outcome: Outcome, status: number): boolean {
  if (status >= 500) return false;
  switch (outcome) {
    case 'ok':
      return status >= 200 && status < 300;
    case 'reach':
      return ![401, 403, 404].includes(status);
    case 'skip':
      return true;
    default:
      return String(status) === outcome;
  }
}

interface Mismatch {
  route: string;
  actor: ActorName;
  expected: string;
  actual: string;
}

describe('Authorization matrix: every route × every actor (e2e, worker running)', () => {
  let portal: TestPortal;
  let op: OidcTestProvider;

  beforeAll(async () => {
    // A real OpenID provider, so the sign-in routes reach their handlers.
    op = new OidcTestProvider([`http://localhost:3000/connexion/oidc/${OIDC_PROVIDER}`]);
    await op.start();
    portal = await startTestPortal({ env: { RATE_LIMIT_PER_MINUTE: '1000000', SSE_MAX_STREAMS_PER_ACCOUNT: '1000', PUBLIC_URL: 'http://localhost:3000', ...op.env(OIDC_PROVIDER) } });
    w = new AuthorizationWorld(portal);
    await w.build();
  });
  afterAll(async () => {
    await portal?.close();
    await op?.stop();
  });

  it('is a well-formed table: 11 known outcomes a row, no row twice, no 403 that reveals a resource', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const row of TABLE) {
      const outcomes = parseExpect(row);
      if (seen.has(label(row))) problems.push(`${label(row)}: twice`);
      seen.add(label(row));
      // Whoever holds no relation to a resource learns nothing about it, except where a role gates the route.
      if (row.route.includes(':') && !row.roleGated) {
        for (const actor of ['residentB', 'revokedMember', 'agentDEL', 'agentDAJI'] as const) {
          if (outcomes[actor] === '403') problems.push(`${label(row)}: ${actor} expects 403 on someone else's resource; it must be 404`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('covers every route the app serves, and nothing else', () => {
    const excluded = (key: string) => NOT_IN_TABLE.some((e) => e.pattern.test(key));
    const registered = nestRoutes(portal.app);
    const inTable = new Set(TABLE.map((r) => r.route));
    const missing = registered.filter((key) => !inTable.has(key) && !excluded(key));
    const unknown = [...inTable].filter((key) => !registered.includes(key));
    // Anything Fastify serves that no Nest controller declares (a plugin's route) must be listed too.
    const served = fastifyRouteShapes(portal.app);
    const known = new Set([...registered, ...inTable].map(shape));
    const outsideNest = served.filter((key) => !known.has(key) && !excluded(key));
    // And the tree was read right: every controller route is in it.
    const notInTree = registered.filter((key) => !served.includes(shape(key)));
    expect({ missing, unknown, outsideNest, notInTree }).toEqual({ missing: [], unknown: [], outsideNest: [], notInTree: [] });
  });

  // More time than the default: the worker renders a receipt or a letter for every submission and
  // decision of the world, in this process.
  it('gives each actor exactly the expected outcome on every route', async () => {
    const mismatches: Mismatch[] = [];
    const seen: string[] = [];
    let checked = 0;
    for (const row of TABLE) {
      const outcomes = parseExpect(row);
      const [method, template] = row.route.split(' ') as [string, string];
      for (const actor of ACTORS) {
        const expected = outcomes[actor];
        if (expected === 'skip') continue;
        const used: Array<Pool<unknown>> = [];
        const ctx: Ctx = {
          actor,
          take: <T>(pool: Pool<T>) => {
            used.push(pool);
            return pool.take();
          },
        };
        const params = (await row.params?.(ctx)) ?? {};
        let path = template.replace(/:(\w+)/g, (_, name: string) => {
          if (params[name] === undefined) throw new Error(`${label(row)}: no value for :${name}`);
          return encodeURIComponent(params[name]);
        });
        if (row.query) path += `?${row.query}`;
        const token = row.session ? await row.session(ctx) : actorToken(actor);

        let status: number;
        let text: string;
        if (row.stream) {
          ({ status, text } = await streamStatus(`${portal.url}${path}`, token));
        } else {
          let call = request(portal.url)[method.toLowerCase() as 'get'](path);
          if (token) call = call.set(authHeader(token));
          if (row.headers) call = call.set(row.headers());
          if (row.upload) call = call.field('documentType', row.upload).attach('file', PDF, { filename: 'piece.pdf', contentType: 'application/pdf' });
          else if (row.message) call = call.field('body', row.message).attach('file', PDF, { filename: 'piece.pdf', contentType: 'application/pdf' });
          else if (row.body) call = call.send(await row.body(ctx));
          const res = await call;
          status = res.status;
          text = res.text ?? '';
        }
        checked++;
        seen.push(`${label(row)} | ${actor} | ${status}`);
        if (status >= 200 && status < 300) used.forEach((pool) => pool.spend());

        if (!matches(expected, status)) {
          const code = /"code":"([A-Z_]+)"/.exec(text)?.[1];
          mismatches.push({ route: label(row), actor, expected, actual: `${status}${code ? ` ${code}` : ''}` });
        } else if (row.hidden && status < 300) {
          const listed = row.hidden.values().filter((v) => text.includes(v));
          if (!row.hidden.visibleTo.includes(actor) && listed.length > 0) {
            mismatches.push({ route: label(row), actor, expected: `${expected} without ${listed.join(', ')}`, actual: `${status} listing them` });
          } else if (row.hidden.visibleTo.includes(actor) && listed.length === 0) {
            // Proves the check can see what it looks for.
            mismatches.push({ route: label(row), actor, expected: `${expected} listing ${row.hidden.values().join(' or ')}`, actual: `${status} without them` });
          }
        }
      }
    }

    if (process.env.MATRIX_DEBUG) console.log(seen.join('\n'));
    if (mismatches.length > 0) {
      const width = Math.max(...mismatches.map((m) => m.route.length));
      console.log(
        [`${mismatches.length} mismatch(es) in ${checked} calls (${TABLE.length} rows × ${ACTORS.length} actors, ${new Set(TABLE.map((r) => r.route)).size} routes):`, ...mismatches.map((m) => `  ${m.route.padEnd(width)}  ${m.actor.padEnd(16)} expected ${m.expected.padEnd(5)} got ${m.actual}`)].join('\n'),
      );
    }
    expect(checked).toBe(TABLE.reduce((n, row) => n + ACTORS.filter((a) => parseExpect(row)[a] !== 'skip').length, 0));
    expect(mismatches).toEqual([]);
    // Over a thousand real requests, one at a time: minutes on a loaded 2-core machine.
  }, 300_000);
});
