import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Request } from './request.entity';

/** A document attached to a file. Stored under a generated key; the original name is display-only. */
@Entity('request_documents')
@Index('request_documents_request_idx', ['requestId'])
export class RequestDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => Request, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: Request;

  /** The service's document type code (e.g. `justificatif_domicile`). */
  @Column({ type: 'text' })
  documentType: string;

  /** Sanitised file name, for display and Content-Disposition only. */
  @Column({ type: 'text' })
  fileName: string;

  /** Detected from the content's magic bytes, never from the name or the client's header. */
  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'text' })
  storageKey: string;

  @Column({ type: 'uuid' })
  uploadedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
