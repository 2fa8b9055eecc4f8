import type { AppConfig } from '@portal/config';
import type { JobName } from '@portal/queue';
import type { JobsOptions } from 'bullmq';

/**
 * Retries with exponential backoff (2 s, 4 s, 8 s…: about 8.5 min for the default 9 attempts); a
 * job failing for good becomes a dead letter (PostgreSQL). Finished jobs are pruned so Redis does
 * not fill up.
 */
export const jobOptions = (attempts: number): JobsOptions => ({
  attempts,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
});

/** Webhook receivers are other people's servers: their deliveries get longer to come back. */
export const attemptsOf = (jobName: JobName, config: Pick<AppConfig, 'JOB_ATTEMPTS' | 'WEBHOOK_ATTEMPTS'>): number =>
  jobName === 'webhook.deliver' ? config.WEBHOOK_ATTEMPTS : config.JOB_ATTEMPTS;
