import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The inbox of job effects: a job records (key, step) in the transaction that applies its effect,
 * so a job delivered twice (BullMQ is at-least-once) applies it once.
 */
@Entity('job_effects')
export class JobEffect {
  @PrimaryColumn({ type: 'text' })
  effectKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  appliedAt: Date;
}
