import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RequestMessage } from './request-message.entity';
import { Request } from './request.entity';

export type DocumentOrigin = 'upload' | 'portal';
export type IssuedDocumentKind = 'receipt' | 'decision';

/**
 * A document of a file: uploaded by the applicant, or issued by the portal (a receipt, a decision
 * letter). Stored under a generated key; the original name is display-only.
 */
@Entity('request_documents')
@Index('request_documents_request_idx', ['requestId'])
@Index('request_documents_message_idx', ['messageId'], { where: 'message_id IS NOT NULL' })
// One letter per (file, kind, event), however often the job that issues it runs.
@Index('request_documents_issued_key', ['requestId', 'issuedKind', 'issuedForEventId'], { unique: true, where: "origin = 'portal'" })
@Index('request_documents_seal_code_key', ['sealCode'], { unique: true, where: 'seal_code IS NOT NULL' })
// The public check of a PDF by its bytes looks issued documents up by hash.
@Index('request_documents_issued_sha256_idx', ['sha256'], { where: "origin = 'portal'" })
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

  /** The account that uploaded it; null for what the portal issued. */
  @Column({ type: 'uuid', nullable: true })
  uploadedBy: string | null;

  /** The message this document was attached to, if any (either side may attach). */
  @Column({ type: 'uuid', nullable: true })
  messageId: string | null;

  @ManyToOne(() => RequestMessage, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'request_documents_message_fk' })
  message?: RequestMessage;

  @Column({ type: 'text', default: 'upload' })
  origin: DocumentOrigin;

  @Column({ type: 'text', nullable: true })
  issuedKind: IssuedDocumentKind | null;

  /** The timeline event (submission, decision) the issued letter is about. */
  @Column({ type: 'bigint', nullable: true })
  issuedForEventId: string | null;

  /** The seal printed on the letter (a compact JWS), and the short code a person can type. */
  @Column({ type: 'text', nullable: true })
  seal: string | null;

  @Column({ type: 'text', nullable: true })
  sealCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
