import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Business } from './business.entity';
import type { MembershipRole } from './business-membership.entity';

/** An admin's invitation of a colleague by email. Single-use token, only its hash stored. */
@Entity('business_invitations')
export class BusinessInvitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  businessId: string;

  @ManyToOne(() => Business, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'business_id' })
  business?: Business;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  role: Exclude<MembershipRole, 'legal_representative'>;

  @Column({ type: 'text', array: true, nullable: true })
  scopeDirectorates: string[] | null;

  @Column({ type: 'text', array: true, nullable: true })
  scopeServices: string[] | null;

  /** The end date of the mandate the invitation grants (null: no end). */
  @Column({ type: 'timestamptz', nullable: true })
  membershipExpiresAt: Date | null;

  @Index('business_invitations_hash_key', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'uuid' })
  invitedBy: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
