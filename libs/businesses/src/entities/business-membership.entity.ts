import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Account } from '@portal/accounts';
import { Business } from './business.entity';

export const MEMBERSHIP_ROLES = ['legal_representative', 'admin', 'member'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** pending: asked, not yet verified; verified: may act; refused / revoked: ended (kept for history). */
export const MEMBERSHIP_STATUSES = ['pending', 'verified', 'refused', 'revoked'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/**
 * An account's mandate for a business: its role, and optionally a scope (some directorates or
 * services) and an end date. Access is checked against this row on every request, so a revoked or
 * expired mandate loses access at once.
 */
@Entity('business_memberships')
// One live (pending or verified) mandate per person and business.
@Index('business_memberships_live_key', ['businessId', 'accountId'], { unique: true, where: "status IN ('pending', 'verified')" })
@Index('business_memberships_account_idx', ['accountId', 'status'])
export class BusinessMembership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  businessId: string;

  @ManyToOne(() => Business, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'business_id' })
  business?: Business;

  @Column({ type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Column({ type: 'text' })
  role: MembershipRole;

  @Column({ type: 'text', default: 'pending' })
  status: MembershipStatus;

  /** Directorates this mandate covers; null: all. */
  @Column({ type: 'text', array: true, nullable: true })
  scopeDirectorates: string[] | null;

  /** Services this mandate covers; null: all (within the directorates above). */
  @Column({ type: 'text', array: true, nullable: true })
  scopeServices: string[] | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** The DAJI file that asked for this link, when it went through the directorate. */
  @Column({ type: 'uuid', nullable: true })
  linkRequestId: string | null;

  /** How it was verified: by a DAJI agent, by a business admin, by an accepted invitation. */
  @Column({ type: 'text', nullable: true })
  verifiedVia: 'daji' | 'business_admin' | 'invitation' | null;

  @Column({ type: 'uuid', nullable: true })
  verifiedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
