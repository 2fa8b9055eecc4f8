import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Directorate, DirectorateCode } from '@portal/accounts';
import type { DeadlineRule } from './deadline-calendar';
import type { FormSchema } from './form-schema';

export const APPLICANT_KINDS = ['person', 'business'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export interface RequiredDocument {
  /** Document type code, e.g. `kbis`, `devis`; uploads carry it. */
  type: string;
  label: string;
  required: boolean;
}

/**
 * One published version of a service (a procedure) of the catalogue. A published version never
 * changes: publishing again adds a row with the next version, and a request keeps the version it
 * was filed under.
 */
@Entity('service_versions')
@Index('service_versions_code_version_key', ['code', 'version'], { unique: true })
export class ServiceVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable across versions, e.g. `DEL-OFFRE-EMPLOI`. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  directorateCode: DirectorateCode;

  @ManyToOne(() => Directorate)
  @JoinColumn({ name: 'directorate_code' })
  directorate?: Directorate;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', array: true })
  applicantKinds: ApplicantKind[];

  @Column({ type: 'jsonb' })
  formSchema: FormSchema;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  requiredDocuments: RequiredDocument[];

  @Column({ type: 'jsonb' })
  deadlineRule: DeadlineRule;

  /** Withdrawn services stay readable for existing requests but take no new ones. */
  @Column({ type: 'boolean', default: true })
  open: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  publishedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  publishedBy: string | null;
}
