import { performance } from 'node:perf_hooks';
import { RequestStatus, STATUS_LABELS_FR } from '../../libs/requests/src/domain/request-workflow';
import { ActionLog, DemoAction } from './action-log';
import { EventData, formatXpf } from './format';
import { LiveFeed, sleep } from './live-feed';
import { PortalClient, PortalError } from './portal-client';

export const DEMO_PASSWORD = 'demo-portail-province-sud';
/** The demo staff's second factor (scripts/seed.ts DEMO_TOTP_SECRET). */
export const DEMO_TOTP_SECRET = 'KVKFKRCPJFHUKU2UJZJEKVCEIVGU6M2U';
export const RESIDENT = 'habitant@demo.portail.nc';
export const DAJI_AGENT = 'agent.daji@demo.portail.nc';
export const DDET_AGENT = 'agent.ddet@demo.portail.nc';
export const DEMO_RIDET = '1234567001';
const RIDET_DISPLAY = '1 234 567 001';
const GRANTED_XPF = 2_000_000;

/** A tiny but genuine PDF: the API recognises documents by their magic bytes. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const AID_DATA = {
  montant_demande: 2_500_000,
  emplois_crees: 2,
  commune_implantation: 'Païta',
  date_debut_activite: '2026-01-15',
  description_projet:
    "Création d'un atelier de menuiserie à Païta avec deux emplois et un apprenti ; équipement (scie à format, raboteuse, aspiration) financé à 60 % par l'aide.",
};

/** A step that cannot go on, with what to do about it. */
export class DemoError extends Error {}

interface FileView {
  id: string;
  reference: string | null;
  status: string;
  serviceCode: string;
  data: Record<string, unknown>;
}
interface AgentView {
  request: { status: string; version: number; reference: string | null };
}
interface MyBusiness {
  status: 'pending' | 'verified';
  business: { id: string; ridet: string; legalName: string | null };
}

export interface JourneyContext {
  portal: PortalClient;
  feed: LiveFeed;
  log: ActionLog;
  print: (line: string) => void;
  tokens: { resident: string; daji: string; ddet: string };
  timeoutMs: number;
}

/** The whole journey: the business link (reused when already verified), then an aid request decided with a request for information. */
export async function runJourney(ctx: JourneyContext): Promise<void> {
  const businessId = await linkBusiness(ctx);
  await fileAid(ctx, businessId);
}

async function linkBusiness(ctx: JourneyContext): Promise<string> {
  const { portal, tokens } = ctx;
  const mine = await portal.call<MyBusiness[]>('GET', '/me/businesses', { token: tokens.resident });
  const existing = mine.find((m) => m.business.ridet === DEMO_RIDET);
  if (existing?.status === 'verified') {
    ctx.print(`\nL'habitante est déjà représentante vérifiée de ${existing.business.legalName ?? RIDET_DISPLAY} (${RIDET_DISPLAY}) depuis une exécution précédente : le lien est réutilisé.`);
    return existing.business.id;
  }
  if (existing) return resumePendingLink(ctx, existing);

  const { result: link, action } = await act(ctx, 'Habitante', `demande à relier son compte à l'entreprise ${RIDET_DISPLAY} (représentante légale)`, ['created'], undefined, () =>
    portal.call<{ requestId: string; businessId: string; legalName: string | null }>('POST', '/me/business-links', {
      token: tokens.resident,
      body: { ridet: RIDET_DISPLAY, role: 'legal_representative' },
    }),
  );
  action.requestId = link.requestId;
  await ctx.feed.waitForEvent(action, (e) => e.requestId === link.requestId && e.type === 'created', 'la création du dossier de lien', ctx.timeoutMs);
  ctx.print(`   → ${link.legalName ?? 'entreprise'} ; un dossier DAJI « lien professionnel » est ouvert en brouillon.`);
  await finishLinkDraft(ctx, link.requestId);
  return link.businessId;
}

async function resumePendingLink(ctx: JourneyContext, pending: MyBusiness): Promise<string> {
  const page = await ctx.portal.call<{ items: FileView[] }>('GET', '/requests?limit=100', { token: ctx.tokens.resident });
  const file = page.items.find((r) => r.serviceCode === 'DAJI-LIEN-PRO' && r.data.ridet === DEMO_RIDET && ['draft', 'submitted', 'in_review', 'awaiting_applicant'].includes(r.status));
  if (!file) {
    throw new DemoError(
      `un lien avec ${RIDET_DISPLAY} est en attente de vérification, mais son dossier DAJI est introuvable parmi les 100 dernières demandes de l'habitante : faites-le décider par un agent DAJI, puis relancez la démo.`,
    );
  }
  ctx.print(`\nUn lien avec ${pending.business.legalName ?? RIDET_DISPLAY} est déjà en attente de vérification (${file.reference ? `dossier ${file.reference}, ${STATUS_LABELS_FR[file.status as RequestStatus] ?? file.status}` : 'dossier en brouillon'}), laissé par une exécution précédente : la démo le reprend.`);
  if (file.status === 'draft') await finishLinkDraft(ctx, file.id);
  else {
    if (file.status === 'awaiting_applicant') {
      const { action } = await act(ctx, 'Habitante', 'répond à la DAJI', ['resubmitted'], file.id, () =>
        ctx.portal.call('POST', `/requests/${file.id}/resubmit`, { token: ctx.tokens.resident, body: { message: 'Voici le justificatif demandé.' } }),
      );
      await ctx.feed.waitForEvent(action, (e) => e.requestId === file.id && e.type === 'resubmitted', 'les compléments du lien', ctx.timeoutMs);
    }
    await approveLink(ctx, file.id);
  }
  return pending.business.id;
}

async function finishLinkDraft(ctx: JourneyContext, requestId: string): Promise<void> {
  await attach(ctx, requestId, 'justificatif_pouvoir');
  await submitAndWaitForReview(ctx, requestId, 'dépose la demande de lien');
  await approveLink(ctx, requestId);
}

async function approveLink(ctx: JourneyContext, requestId: string): Promise<void> {
  await agentTransition(ctx, 'Agent DAJI', 'vérifie le justificatif et approuve le lien', ctx.tokens.daji, requestId, { action: 'approve' });
  const mine = await ctx.portal.call<MyBusiness[]>('GET', '/me/businesses', { token: ctx.tokens.resident });
  await ctx.feed.settle();
  if (mine.find((m) => m.business.ridet === DEMO_RIDET)?.status !== 'verified') throw new DemoError('le dossier de lien est approuvé mais le mandat n’apparaît pas vérifié dans GET /api/me/businesses.');
  ctx.print('   → le mandat est vérifié : l’habitante peut agir au nom de l’entreprise.');
}

async function fileAid(ctx: JourneyContext, businessId: string): Promise<void> {
  const { portal, tokens } = ctx;
  const { result: draft, action } = await act(ctx, 'Habitante', "ouvre une demande d'aide à la création d'entreprise au nom de l'entreprise", ['created'], undefined, () =>
    portal.call<FileView>('POST', '/requests', { token: tokens.resident, body: { serviceCode: 'DDET-CREATION-ENTREPRISE', businessId, data: AID_DATA } }),
  );
  action.requestId = draft.id;
  await ctx.feed.waitForEvent(action, (e) => e.requestId === draft.id && e.type === 'created', 'la création du brouillon', ctx.timeoutMs);
  for (const type of ['business_plan', 'devis', 'rib']) await attach(ctx, draft.id, type);
  await submitAndWaitForReview(ctx, draft.id, "dépose la demande d'aide");

  await agentTransition(ctx, 'Agent DDET', 'demande des compléments', tokens.ddet, draft.id, {
    action: 'request_info',
    message: 'Merci de préciser le calendrier des embauches et de joindre le devis de la raboteuse.',
  });
  const { action: resubmit } = await act(ctx, 'Habitante', 'répond et renvoie le dossier', ['resubmitted'], draft.id, () =>
    portal.call('POST', `/requests/${draft.id}/resubmit`, { token: tokens.resident, body: { message: 'Deux embauches en mars, l’apprenti en septembre ; devis ajouté à la liasse.' } }),
  );
  await ctx.feed.waitForEvent(resubmit, (e) => e.requestId === draft.id && e.type === 'resubmitted', 'l’envoi des compléments', ctx.timeoutMs);

  const decided = await agentTransition(ctx, 'Agent DDET', `approuve la demande et accorde ${formatXpf(GRANTED_XPF)}`, tokens.ddet, draft.id, {
    action: 'approve',
    grantedAmountXpf: GRANTED_XPF,
  });
  // The worker notifies the business's members a moment later: shown when it comes.
  await ctx.feed.notificationOf(decided.id, 5_000);
  await ctx.feed.settle();
}

/** Runs one action: prints what is done, stamps when it left (delays are counted from there). */
async function act<T>(ctx: JourneyContext, who: string, what: string, causes: readonly string[], requestId: string | undefined, run: () => Promise<T>): Promise<{ result: T; action: DemoAction }> {
  // Let the previous action's late frames (the worker's notifications) land under their own heading.
  await ctx.feed.settle();
  ctx.print(`\n▶ ${who} ${what}`);
  const action = ctx.log.begin(`${who} ${what}`, causes, requestId, performance.now());
  return { result: await run(), action };
}

async function attach(ctx: JourneyContext, requestId: string, documentType: string): Promise<void> {
  const { action } = await act(ctx, 'Habitante', `joint le document « ${documentType} » (PDF)`, ['document_added'], requestId, () =>
    ctx.portal.upload(ctx.tokens.resident, requestId, documentType, `${documentType}.pdf`, PDF),
  );
  await ctx.feed.waitForEvent(action, (e) => e.requestId === requestId && e.type === 'document_added' && e.details.documentType === documentType, `le document ${documentType}`, ctx.timeoutMs);
}

/** Submits, then waits for the worker's intake (routed, in_review) on the live stream. */
async function submitAndWaitForReview(ctx: JourneyContext, requestId: string, what: string): Promise<void> {
  const { action } = await act(ctx, 'Habitante', what, ['submitted', 'routed'], requestId, () => ctx.portal.submit(ctx.tokens.resident, requestId));
  await ctx.feed.waitForEvent(action, (e) => e.requestId === requestId && e.type === 'submitted', 'le dépôt', ctx.timeoutMs);
  try {
    await ctx.feed.waitForEvent(action, (e) => e.requestId === requestId && e.type === 'routed', 'la prise en charge par le worker (en instruction)', ctx.timeoutMs);
  } catch (error) {
    const file = await ctx.portal.call<FileView>('GET', `/requests/${requestId}`, { token: ctx.tokens.resident });
    if (file.status === 'submitted') throw new DemoError(`le dossier ${file.reference} est toujours « déposé » après ${ctx.timeoutMs} ms : le worker tourne-t-il ? (npm start lance l'API et le worker)`);
    throw error;
  }
}

/** An agent's decision with the version just read; retried when a job changed the file meanwhile (409). */
async function agentTransition(ctx: JourneyContext, who: string, what: string, token: string, requestId: string, body: Record<string, unknown>): Promise<EventData> {
  const eventType = body.action === 'request_info' ? 'info_requested' : 'decided';
  for (let attempt = 1; ; attempt++) {
    const view = await readWhenInReview(ctx, token, requestId);
    try {
      const { action } = await act(ctx, who, what, [eventType], requestId, () =>
        ctx.portal.call('POST', `/agent/requests/${requestId}/transition`, { token, body: { ...body, expectedVersion: view.request.version } }),
      );
      return await ctx.feed.waitForEvent(action, (e) => e.requestId === requestId && e.type === eventType, `la décision (${eventType})`, ctx.timeoutMs);
    } catch (error) {
      if (!(error instanceof PortalError && error.status === 409) || attempt >= 3) throw error;
      ctx.print('   (le dossier a changé entre-temps : nouvelle lecture de sa version)');
      await sleep(200);
    }
  }
}

/** The agent's view of a file once it is in review (the worker's intake may still be running). */
async function readWhenInReview(ctx: JourneyContext, token: string, requestId: string): Promise<AgentView> {
  const deadline = performance.now() + ctx.timeoutMs;
  for (;;) {
    const view = await ctx.portal.call<AgentView>('GET', `/agent/requests/${requestId}`, { token });
    if (view.request.status === 'in_review') return view;
    if (view.request.status !== 'submitted' || performance.now() > deadline) {
      throw new DemoError(`le dossier ${view.request.reference} est « ${view.request.status} », pas en instruction : l'agent ne peut pas décider.`);
    }
    await sleep(200);
  }
}
