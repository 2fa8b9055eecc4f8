import { DiscoveryService } from '@nestjs/core';
import type { JobName, JobPayloads } from './jobs';

/** Marks a provider as the processor of one job. It must be idempotent: jobs arrive at least once. */
export const JobHandler = DiscoveryService.createDecorator<JobName>();

export interface JobContext {
  /** The job id, which is the outbox message id. */
  id: string;
  attempt: number;
}

export interface HandlesJob<N extends JobName> {
  handle(payload: JobPayloads[N], context: JobContext): Promise<void>;
}
