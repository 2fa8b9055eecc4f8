import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Directorate, DirectorateCode } from './directorate.entity';

export const ACCOUNT_ROLES = ['citizen', 'agent', 'supervisor', 'admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** erased: the right to erasure was exercised; the row stays, pseudonymised, as the applicant of kept files. */
export const ACCOUNT_STATUSES = ['pending_verification', 'active', 'disabled', 'erased'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Stored instead of a hash until the holder chooses a password: no password verifies against it. */
export const UNUSABLE_PASSWORD = '!';

export const CIVILITIES = ['M', 'Mme'] as const;
export type Civility = (typeof CIVILITIES)[number];

/** A compte provincial: a resident, or an agent / supervisor of one directorate, or an admin. */
@Entity('accounts')
@Index('accounts_email_key', ['email'], { unique: true })
@Index('accounts_agents_idx', ['directorateCode'], { where: "role = 'agent' AND status = 'active'" })
@Check('accounts_staff_directorate', `(role IN ('agent', 'supervisor')) = (directorate_code IS NOT NULL)`)
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased, so uniqueness is case-insensitive. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text', default: 'pending_verification' })
  status: AccountStatus;

  @Column({ type: 'text', default: 'citizen' })
  role: AccountRole;

  @Column({ type: 'text', nullable: true })
  directorateCode: DirectorateCode | null;

  @ManyToOne(() => Directorate, { nullable: true })
  @JoinColumn({ name: 'directorate_code' })
  directorate?: Directorate | null;

  @Column({ type: 'text', nullable: true })
  civility: Civility | null;

  @Column({ type: 'text' })
  firstName: string;

  @Column({ type: 'text' })
  lastName: string;

  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  /** E.164, e.g. +687251234. */
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  addressLine1: string | null;

  @Column({ type: 'text', nullable: true })
  addressLine2: string | null;

  @Column({ type: 'text', nullable: true })
  postcode: string | null;

  @Column({ type: 'text', nullable: true })
  commune: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  /** Agents: files assigned and still open. Kept by a trigger on requests (migration AgentOpenFiles); never written here. */
  @Column({ type: 'integer', default: 0, select: false, insert: false, update: false })
  openFiles: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
