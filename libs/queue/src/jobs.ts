/**
 * The one typed map of every job: name → payload (ids only; processors re-read Postgres) and queue.
 * Add a job here, then a @JobHandler for it in the worker.
 */
export interface JobPayloads {
  'email.send': { emailId: string };
}

export type JobName = keyof JobPayloads;

export const QUEUE_NAMES = ['notifications'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const JOB_QUEUES: { readonly [N in JobName]: QueueName } = {
  'email.send': 'notifications',
};
