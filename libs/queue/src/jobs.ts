/**
 * The one typed map of every job: name → payload (ids only; processors re-read Postgres) and queue.
 * Add a job here, then a @JobHandler for it in the worker.
 */
export interface JobPayloads {
  'email.send': { emailId: string };
  /** Completeness checks, routing to the directorate, assignment, then `in_review`. */
  'request.intake': { requestId: string };
  /** At the due date: apply the service's deadline rule unless a decision was taken. */
  'request.deadline': { requestId: string };
  /** Before the due date: remind the assigned agent. */
  'request.deadline-reminder': { requestId: string };
  /** The sealed PDF of a submission (receipt) or a decision (letter), once per event. */
  'request.issue-letter': { eventId: string };
  /** In-app notification and email about one applicant-visible event. */
  'request.notify': { eventId: string };
  /** A link filed while the companies register was down: ask it again. */
  'business.registry-check': { businessId: string };
  /** A "forgotten password" request: look the address up, and email a reset link if it has an account. */
  'auth.password-reset': { resetRequestId: string };
  /** POST one event to one webhook subscription, signed. */
  'webhook.deliver': { deliveryId: string };
}

export type JobName = keyof JobPayloads;

// Webhooks have their own queue: a slow receiver never holds up intake or notifications. Letters
// too: rendering a PDF is CPU work, done one at a time so it never starves the other queues.
export const QUEUE_NAMES = ['workflow', 'notifications', 'webhooks', 'letters'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const JOB_QUEUES: { readonly [N in JobName]: QueueName } = {
  'email.send': 'notifications',
  'request.intake': 'workflow',
  'request.deadline': 'workflow',
  'request.deadline-reminder': 'workflow',
  'request.issue-letter': 'letters',
  'request.notify': 'notifications',
  'business.registry-check': 'workflow',
  'auth.password-reset': 'notifications',
  'webhook.deliver': 'webhooks',
};
