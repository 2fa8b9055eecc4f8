import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, Directorate } from '@portal/accounts';
import { AuditService } from '@portal/audit';
import { Business } from '@portal/businesses';
import { AppConfig } from '@portal/config';
import { DataSource } from 'typeorm';
import { DOCUMENT_STORAGE, DocumentStorage, newStorageKey, removeStoredDocuments } from '../documents/document-storage';
import { IssuedDocumentKind, RequestDocument } from '../entities/request-document.entity';
import { RequestEvent } from '../entities/request-event.entity';
import { Request } from '../entities/request.entity';
import { SYSTEM } from '../request-actor';
import { RequestTimeline } from '../request-timeline.service';
import { isoNoumeaDate, letterContent } from './letter-content';
import { renderLetter } from './letter-pdf';
import { Seal, SealFacts, sealCode } from './seal';

// Document types of what the portal issues (uploads use the service's own types).
export const ISSUED_DOCUMENT_TYPES: Record<IssuedDocumentKind, string> = { receipt: 'recepisse_depot', decision: 'lettre_decision' };

const MAX_LETTER_BYTES = 5 * 1024 * 1024;

/**
 * Issues the receipt of a submission and the letter of a decision: a sealed PDF stored as a
 * document of the file, an applicant-visible timeline event (whose notification emails it), once per
 * event — the unique key (file, kind, event) and deterministic bytes make a second run harmless.
 */
@Injectable()
export class IssuedDocumentsService {
  private readonly logger = new Logger(IssuedDocumentsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly timeline: RequestTimeline,
    private readonly audit: AuditService,
    private readonly seal: Seal,
    private readonly config: AppConfig,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /**
   * The letter's bytes for an event, as the job writes them (deterministic: the same event gives the
   * same bytes); for tests and samples.
   */
  async render(event: RequestEvent, kind: IssuedDocumentKind): Promise<{ request: Request; bytes: Buffer; jws: string; code: string }> {
    const manager = this.dataSource.manager;
    const request = await manager.findOneOrFail(Request, { where: { id: event.requestId }, relations: { serviceVersion: true } });
    const [applicant, business, directorate] = await Promise.all([
      manager.findOneByOrFail(Account, { id: request.applicantAccountId }),
      request.businessId ? manager.findOneByOrFail(Business, { id: request.businessId }) : null,
      manager.findOneBy(Directorate, { code: request.directorateCode }),
    ]);
    const facts = sealFacts(kind, event, request);
    const jws = this.seal.sign(facts);
    const code = sealCode(jws);
    const verifyAt = `${this.config.PUBLIC_URL.replace(/\/$/, '')}/verifier`;
    const bytes = await renderLetter(
      letterContent({
        facts,
        reference: request.reference!,
        service: request.serviceVersion!,
        directorateName: directorate ? `${directorate.name} (${directorate.code})` : request.directorateCode,
        applicant,
        business,
        submittedAt: request.submittedAt ?? event.createdAt,
        // The event's own due date: the letter tells what was true then, whenever the job runs.
        dueAt: payloadDate(event.payload.dueAt) ?? request.dueAt,
        at: event.createdAt,
        reason: typeof event.payload.reason === 'string' ? event.payload.reason : null,
        seal: { url: `${verifyAt}?d=${jws}`, code, keyId: this.seal.keyId, verifyAt },
      }),
    );
    return { request, bytes, jws, code };
  }

  /** Returns the document (issued now or before), or null when the event calls for none. */
  async issue(eventId: string): Promise<RequestDocument | null> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(RequestEvent, { id: eventId });
    const kind = event ? letterKind(event) : null;
    if (!event || !kind) return null;
    const existing = await manager.findOneBy(RequestDocument, { requestId: event.requestId, issuedKind: kind, issuedForEventId: event.id, origin: 'portal' });
    if (existing) return existing;

    const { request, bytes, jws, code } = await this.render(event, kind);

    const key = newStorageKey();
    const stored = await this.storage.write(key, Readable.from([bytes]), { maxBytes: MAX_LETTER_BYTES });
    const fileName = `${kind === 'receipt' ? 'recepisse' : 'decision'}-${request.reference}.pdf`;
    try {
      const issued = await this.dataSource.transaction(async (tx) => {
        // The file's row first, as every transition takes it: the letter's event then gets its id after a
        // concurrent step of the same file has committed (or before it starts), so a stream that resumes
        // from Last-Event-ID never sees that step twice because the two committed out of id order.
        await tx.query('SELECT 1 FROM requests WHERE id = $1 FOR NO KEY UPDATE', [request.id]);
        const inserted = await tx
          .createQueryBuilder()
          .insert()
          .into(RequestDocument)
          .values({
            requestId: request.id,
            documentType: ISSUED_DOCUMENT_TYPES[kind],
            fileName,
            contentType: 'application/pdf',
            sizeBytes: stored.sizeBytes,
            sha256: stored.sha256,
            storageKey: key,
            uploadedBy: null,
            origin: 'portal',
            issuedKind: kind,
            issuedForEventId: event.id,
            seal: jws,
            sealCode: code,
          })
          .orIgnore()
          .returning(['id'])
          .execute();
        const documentId = (inserted.raw as Array<{ id: string }>)[0]?.id;
        if (!documentId) return null; // another run of the job issued it first
        await this.timeline.record(tx, request, 'document_issued', SYSTEM, 'applicant', { documentId, kind, fileName, sealCode: code, forEventId: event.id });
        await this.audit.record(
          { action: 'request.document_issued', actorId: null, target: { type: 'request', id: request.id }, details: { documentId, kind, sha256: stored.sha256, sealCode: code } },
          tx,
        );
        return tx.findOneByOrFail(RequestDocument, { id: documentId });
      });
      if (issued) return issued;
    } catch (error) {
      await removeStoredDocuments(this.storage, [key], this.logger);
      throw error;
    }
    await removeStoredDocuments(this.storage, [key], this.logger);
    return manager.findOneBy(RequestDocument, { requestId: event.requestId, issuedKind: kind, issuedForEventId: event.id, origin: 'portal' });
  }
}

/** Which letter an event calls for: the submission's receipt, a decision's letter. */
export function letterKind(event: Pick<RequestEvent, 'toStatus'>): IssuedDocumentKind | null {
  switch (event.toStatus) {
    case 'submitted':
      return 'receipt';
    case 'approved':
    case 'rejected':
    case 'closed':
      return 'decision';
    default:
      return null;
  }
}

function sealFacts(kind: IssuedDocumentKind, event: RequestEvent, request: Request): SealFacts {
  const base = { reference: request.reference!, document: kind, date: isoNoumeaDate(event.createdAt) };
  if (kind === 'receipt') return { ...base, outcome: 'submitted' };
  const implicit = event.payload.decisionKind === 'implicit';
  const status = event.toStatus as 'approved' | 'rejected' | 'closed';
  const outcome = implicit ? (status === 'approved' ? 'implicit_approval' : 'implicit_rejection') : status;
  const amount = event.payload.grantedAmountXpf;
  return typeof amount === 'number' && status === 'approved' ? { ...base, outcome, amountXpf: amount } : { ...base, outcome };
}

function payloadDate(value: unknown): Date | null {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : null;
}

