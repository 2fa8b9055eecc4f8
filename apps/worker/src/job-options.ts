import type { JobsOptions } from 'bullmq';

/**
 * Retries with exponential backoff (2 s, 4 s, 8 s… about 8.5 min in all), then the job stays in
 * the failed set for inspection. Finished jobs are pruned so Redis does not fill up.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 9,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};
