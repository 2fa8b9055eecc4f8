import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A professional profile: one establishment of a company, identified by its RIDET, with what the
 * registry said about it the last time it was checked.
 */
@Entity('businesses')
@Index('businesses_ridet_key', ['ridet'], { unique: true })
export class Business {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 7 digits. */
  @Column({ type: 'text' })
  rid: string;

  /** 10 digits (RID + establishment rank). */
  @Column({ type: 'text' })
  ridet: string;

  /** Null until the registry has answered (the link was filed during an outage). */
  @Column({ type: 'text', nullable: true })
  legalName: string | null;

  @Column({ type: 'text', nullable: true })
  legalForm: string | null;

  @Column({ type: 'text', nullable: true })
  nafCode: string | null;

  @Column({ type: 'text', nullable: true })
  activityLabel: string | null;

  @Column({ type: 'text', nullable: true })
  street: string | null;

  @Column({ type: 'text', nullable: true })
  postcode: string | null;

  @Column({ type: 'text', nullable: true })
  commune: string | null;

  /** `unknown` until checked; `struck_off` businesses take no new links or files. */
  @Column({ type: 'text', default: 'unknown' })
  registryStatus: 'unknown' | 'active' | 'struck_off';

  @Column({ type: 'timestamptz', nullable: true })
  registryCheckedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
