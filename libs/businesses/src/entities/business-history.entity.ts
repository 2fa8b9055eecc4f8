import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The business's own history (links, role and scope changes, revocations), shown to its managers. */
@Entity('business_history')
@Index('business_history_business_idx', ['businessId', 'id'])
export class BusinessHistoryEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  businessId: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'uuid', nullable: true })
  membershipId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, string | number | boolean | null | string[]>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
