import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Business } from '@portal/businesses';
import { Request } from '@portal/requests';

/**
 * A job offer on the province's public board, published when its DEL file is approved (one offer
 * per file), until the business withdraws it or its publication period ends.
 */
@Entity('job_offers')
@Index('job_offers_request_key', ['requestId'], { unique: true })
@Index('job_offers_board_idx', ['expiresAt', 'publishedAt'], { where: 'withdrawn_at IS NULL' })
export class JobOffer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  @OneToOne(() => Request)
  @JoinColumn({ name: 'request_id' })
  request?: Request;

  @Column({ type: 'uuid' })
  businessId: string;

  @ManyToOne(() => Business)
  @JoinColumn({ name: 'business_id' })
  business?: Business;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  contractType: string;

  @Column({ type: 'text' })
  commune: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'int', nullable: true })
  monthlySalaryXpf: number | null;

  @Column({ type: 'date', nullable: true })
  startDate: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ type: 'timestamptz' })
  publishedAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}
