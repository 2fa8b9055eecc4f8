import { CreateDateColumn, Entity, EntityManager, PrimaryColumn } from 'typeorm';

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

/** Records an effect in the caller's transaction: false when it was applied already. */
export async function claimJobEffect(manager: EntityManager, effectKey: string): Promise<boolean> {
  const result = await manager.createQueryBuilder().insert().into(JobEffect).values({ effectKey }).orIgnore().returning(['effect_key']).execute();
  return (result.raw as unknown[]).length === 1;
}
