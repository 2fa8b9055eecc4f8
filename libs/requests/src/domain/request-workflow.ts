
// The request workflow as data: one table, one pure function. Services, the worker and the UI all
// read this table, so a rule changes in exactly one place.

export const REQUEST_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'awaiting_applicant',
  'approved',
  'rejected',
  'closed',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const WORKFLOW_ACTIONS = [
  'submit',
  'resubmit',
  'withdraw',
  'route',
  'expire_deadline_reject',
  'expire_deadline_approve',
  'start_review',
  'request_info',
  'approve',
  'reject',
  'close',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const ACTOR_ROLES = ['applicant', 'agent', 'supervisor', 'admin', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export interface TransitionRule {
  readonly from: readonly RequestStatus[];
  readonly to: RequestStatus;
  readonly roles: readonly ActorRole[];
}

const STAFF: readonly ActorRole[] = ['agent', 'supervisor', 'admin'];

export const TRANSITIONS: Readonly<Record<WorkflowAction, TransitionRule>> = deepFreeze({
  // The applicant
  submit: { from: ['draft'], to: 'submitted', roles: ['applicant'] },
  resubmit: { from: ['awaiting_applicant'], to: 'in_review', roles: ['applicant'] },
  withdraw: { from: ['draft', 'submitted', 'in_review', 'awaiting_applicant'], to: 'withdrawn', roles: ['applicant'] },
  // The worker: intake routing, and the silence of the administration once the due date passes.
  // No expiry while awaiting the applicant: the file is incomplete, so no implicit decision is born.
  route: { from: ['submitted'], to: 'in_review', roles: ['system'] },
  expire_deadline_reject: { from: ['submitted', 'in_review'], to: 'rejected', roles: ['system'] },
  expire_deadline_approve: { from: ['submitted', 'in_review'], to: 'approved', roles: ['system'] },
  // Agents of the directorate, their supervisors, and admins
  start_review: { from: ['submitted'], to: 'in_review', roles: STAFF },
  request_info: { from: ['in_review'], to: 'awaiting_applicant', roles: STAFF },
  approve: { from: ['in_review'], to: 'approved', roles: STAFF },
  reject: { from: ['in_review'], to: 'rejected', roles: STAFF },
  close: { from: ['in_review'], to: 'closed', roles: STAFF },
});

export type TransitionResult =
  | { ok: true; next: RequestStatus }
  | { ok: false; reason: 'ACTION_NOT_ALLOWED_IN_STATE' | 'ROLE_NOT_ALLOWED' };

/**
 * The next status, or why not. The role is checked first, so someone who may never take the action
 * learns nothing about the file's state.
 */
export function transition(state: RequestStatus, action: WorkflowAction, role: ActorRole): TransitionResult {
  // Membership test, not a key lookup: values arrive from HTTP and the database, 'toString' must not
  // match, and an object whose toString is not callable must not throw.
  const rule = isWorkflowAction(action) ? TRANSITIONS[action] : undefined;
  if (rule && !rule.roles.includes(role)) return { ok: false, reason: 'ROLE_NOT_ALLOWED' };
  if (!rule || !rule.from.includes(state)) return { ok: false, reason: 'ACTION_NOT_ALLOWED_IN_STATE' };
  return { ok: true, next: rule.to };
}

/** What this role may do on a file in this state — the buttons the UI shows. */
export function allowedActions(state: RequestStatus, role: ActorRole): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => transition(state, action, role).ok);
}

// Status sets, read off the table above (and its unit tests pin them), so a new status or rule moves them too.
const HAS_WAY_OUT = new Set(Object.values(TRANSITIONS).flatMap((rule) => rule.from));

/** Nothing leaves these: decided (approved, rejected, closed) or withdrawn. */
export const TERMINAL_STATUSES: readonly RequestStatus[] = Object.freeze(REQUEST_STATUSES.filter((s) => !HAS_WAY_OUT.has(s)));

/** With the administration: submitted and not yet ended (neither a draft nor terminal). */
export const OPEN_STATUSES: readonly RequestStatus[] = Object.freeze(REQUEST_STATUSES.filter((s) => HAS_WAY_OUT.has(s) && !TRANSITIONS.submit.from.includes(s)));

/** Where the response deadline runs out into an implicit decision (not while awaiting the applicant). */
export const DEADLINE_RUNNING_STATUSES: readonly RequestStatus[] = TRANSITIONS.expire_deadline_reject.from;

export function isTerminal(status: RequestStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function isOpen(status: RequestStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function isRequestStatus(x: unknown): x is RequestStatus {
  return (REQUEST_STATUSES as readonly unknown[]).includes(x);
}

export function isWorkflowAction(x: unknown): x is WorkflowAction {
  return (WORKFLOW_ACTIONS as readonly unknown[]).includes(x);
}

export function isActorRole(x: unknown): x is ActorRole {
  return (ACTOR_ROLES as readonly unknown[]).includes(x);
}

export interface ActionRequirement {
  /** A decision the applicant must be able to contest needs its grounds (motivation). */
  readonly reason: boolean;
  /** Asking for more information must say what is missing. */
  readonly message: boolean;
}

export const ACTION_REQUIREMENTS: Readonly<Record<WorkflowAction, ActionRequirement>> = deepFreeze({
  submit: { reason: false, message: false },
  resubmit: { reason: false, message: false },
  withdraw: { reason: false, message: false },
  route: { reason: false, message: false },
  expire_deadline_reject: { reason: false, message: false },
  expire_deadline_approve: { reason: false, message: false },
  start_review: { reason: false, message: false },
  request_info: { reason: false, message: true },
  approve: { reason: false, message: false },
  reject: { reason: true, message: false },
  close: { reason: true, message: false },
});

/** What the applicant reads: agreeing with « la demande », lower case to fit a sentence; capitalise in the view. */
export const STATUS_LABELS_FR: Readonly<Record<RequestStatus, string>> = Object.freeze({
  draft: 'brouillon',
  submitted: 'déposée',
  in_review: 'en instruction',
  awaiting_applicant: 'en attente de compléments',
  approved: 'acceptée',
  rejected: 'refusée',
  closed: 'classée sans suite',
  withdrawn: 'retirée',
});

/** Timeline entries the applicant reads. Implicit decisions say so: the applicant must know why. */
export const ACTION_LABELS_FR: Readonly<Record<WorkflowAction, string>> = Object.freeze({
  submit: 'Dépôt de la demande',
  resubmit: 'Envoi des compléments',
  withdraw: 'Retrait de la demande',
  route: 'Transmission au service instructeur',
  expire_deadline_reject: 'Rejet implicite (délai de réponse dépassé)',
  expire_deadline_approve: 'Acceptation implicite (délai de réponse dépassé)',
  start_review: "Début de l'instruction",
  request_info: 'Demande de compléments',
  approve: 'Demande acceptée',
  reject: 'Demande refusée',
  close: 'Demande classée sans suite',
});

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) deepFreeze(child);
  }
  return Object.freeze(value);
}
