import type { RequestedCorrections } from '../domain/requested-corrections';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Account, DirectorateCode } from '@portal/accounts';
import { Business } from '@portal/businesses';
import { ServiceVersion } from '@portal/catalogue';
import type { FormAnswers } from '@portal/catalogue';
import type { RequestStatus } from '../domain/request-workflow';

export type DecisionKind = 'explicit' | 'implicit';

/**
 * A file (dossier): a request to a directorate, from a draft to a decision. Every change of status
 * is a conditional UPDATE on (id, version) so two concurrent actors cannot both win.
 */
@Entity('requests')
@Index('requests_applicant_idx', ['applicantAccountId', 'createdAt'])
@Index('requests_business_idx', ['businessId', 'createdAt'])
// The agent worklist (WorklistService): a directorate's files, keyset-sorted by submission or by
// COALESCE(due_at, 'infinity'), with or without a status; its name search (ILIKE '%…%') on pg_trgm.
// Expression and GIN indexes are beyond TypeORM: migration 1795924724362 creates them; schema sync leaves them alone.
@Index('requests_worklist_submitted_idx', ['directorateCode', 'submittedAt', 'id'], { where: "status <> 'draft'" })
@Index('requests_worklist_due_key_idx', { synchronize: false })
@Index('requests_worklist_status_due_idx', { synchronize: false })
@Index('requests_applicant_name_trgm_idx', { synchronize: false })
// An admin's worklist across directorates, in the same two orders (migration 1795945000000).
@Index('requests_all_submitted_idx', ['submittedAt', 'id'], { where: "status <> 'draft'" })
@Index('requests_all_due_key_idx', { synchronize: false })
@Index('requests_assignee_idx', ['assigneeId', 'status'])
@Index('requests_reference_key', ['reference'], { unique: true, where: 'reference IS NOT NULL' })
export class Request {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human reference, e.g. PS-2026-000123, given on submission. */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ type: 'uuid' })
  serviceVersionId: string;

  @ManyToOne(() => ServiceVersion)
  @JoinColumn({ name: 'service_version_id' })
  serviceVersion?: ServiceVersion;

  @Column({ type: 'text' })
  serviceCode: string;

  @Column({ type: 'text' })
  directorateCode: DirectorateCode;

  /** The person who files (and, without a business, the applicant of record). */
  @Column({ type: 'uuid' })
  applicantAccountId: string;

  @ManyToOne(() => Account)
  @JoinColumn({ name: 'applicant_account_id' })
  applicant?: Account;

  /** The business filed for (applicant of record), when a member acts on its behalf. */
  @Column({ type: 'uuid', nullable: true })
  businessId: string | null;

  @ManyToOne(() => Business)
  @JoinColumn({ name: 'business_id' })
  business?: Business | null;

  /** Denormalised for the agents' full-text search. */
  @Column({ type: 'text' })
  applicantName: string;

  @Column({ type: 'text', default: 'draft' })
  status: RequestStatus;

  @Column({ type: 'text', nullable: true })
  decisionKind: DecisionKind | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: FormAnswers;

  /** Optimistic concurrency: bumped by every change. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** When the deadline rule decides if no one has. Null when the rule has no outcome. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** Since when the file waits for the applicant (the clock may be suspended meanwhile). */
  @Column({ type: 'timestamptz', nullable: true })
  awaitingSince: Date | null;

  /** Total time spent awaiting the applicant, added to the deadline when the rule suspends it. */
  @Column({ type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  suspendedMs: number;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Aid schemes: the amount granted on approval, in whole XPF. */
  @Column({ type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  grantedAmountXpf: number | null;

  /** While awaiting the applicant: the answers and documents the agent asked to correct. */
  @Column({ type: 'jsonb', nullable: true })
  corrections: RequestedCorrections | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
