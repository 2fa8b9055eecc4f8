import { pipeline, Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@portal/accounts';
import { AuditService } from '@portal/audit';
import type { ServiceVersion } from '@portal/catalogue';
import { DomainError, validationFailed } from '@portal/common';
import { AppConfig } from '@portal/config';
import { DataSource, EntityManager } from 'typeorm';
import type { RequestStatus } from '../domain/request-workflow';
import { RequestDocument } from '../entities/request-document.entity';
import { Request } from '../entities/request.entity';
import { asApplicant } from '../request-actor';
import { RequestTimeline } from '../request-timeline.service';
import { RequestsRepository } from '../requests.repository';
import { DocumentInspector } from './document-inspector';
import { documentTooLargeMessage, requestDocumentsFull, requestDocumentsFullMessage } from './document-limits';
import { DOCUMENT_STORAGE, DocumentStorage, newStorageKey, removeStoredDocuments, StorageLimits } from './document-storage';
import { sanitiseFileName } from './file-name';

// A draft is completed with its documents; a file waiting for the applicant takes the complements asked for.
const UPLOAD_STATUSES: readonly RequestStatus[] = ['draft', 'awaiting_applicant'];


/**
 * Documents of a file. Bytes go to the storage first (checked and metered while they stream), then
 * the row, the timeline event and the audit entry commit together; a failed commit removes the bytes.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requests: RequestsRepository,
    private readonly timeline: RequestTimeline,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async upload(actor: Actor, requestId: string, documentType: string, file: Readable, originalName: string | undefined): Promise<RequestDocument> {
    const request = await this.requests.findForApplicant(actor, requestId);
    assertAcceptsUploads(request);
    assertDocumentType(request.serviceVersion!, documentType);
    const limits = this.limitsFor(await this.usedBytes(this.dataSource.manager, request.id));

    const inspector = new DocumentInspector();
    // Errors of either stream (even one raised before this point) reach the storage's pipeline.
    pipeline(file, inspector, () => undefined);
    const key = newStorageKey();
    const stored = await this.storage.write(key, inspector, limits).catch((error: unknown) => {
      inspector.destroy();
      throw error;
    });
    const kind = inspector.kind;
    const fileName = sanitiseFileName(originalName, kind);

    try {
      return await this.dataSource.transaction(async (manager) => {
        const current = await this.lock(manager, request.id);
        assertAcceptsUploads(current);
        // Re-checked under the lock: two uploads at once cannot both use the last of the budget.
        if ((await this.usedBytes(manager, request.id)) + stored.sizeBytes > this.config.MAX_REQUEST_DOCUMENTS_BYTES) {
          throw requestDocumentsFull(this.config.MAX_REQUEST_DOCUMENTS_BYTES);
        }
        const document = manager.create(RequestDocument, {
          requestId: request.id,
          documentType,
          fileName,
          contentType: kind.contentType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          storageKey: key,
          uploadedBy: actor.accountId,
        });
        await manager.insert(RequestDocument, document);
        await this.timeline.record(manager, current, 'document_added', asApplicant(actor), 'applicant', {
          documentId: document.id,
          documentType,
          fileName,
        });
        await this.audit.record(
          {
            action: 'request.document_added',
            actorId: actor.accountId,
            target: { type: 'request', id: request.id },
            details: { documentId: document.id, documentType, contentType: kind.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256 },
          },
          manager,
        );
        return document;
      });
    } catch (error) {
      await removeStoredDocuments(this.storage, [key], this.logger);
      throw error;
    }
  }

  /** Readable by the applicant, and by staff of the file's directorate (admins: any file). */
  async list(actor: Actor, requestId: string): Promise<RequestDocument[]> {
    const request = await this.readable(actor, requestId);
    return this.dataSource.manager.find(RequestDocument, { where: { requestId: request.id }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async download(actor: Actor, requestId: string, documentId: string): Promise<{ document: RequestDocument; stream: Readable }> {
    const request = await this.readable(actor, requestId);
    const document = await this.findDocument(this.dataSource.manager, request.id, documentId);
    return { document, stream: await this.storage.read(document.storageKey) };
  }

  /** Only from a draft, by its applicant. The bytes go once the row is gone. */
  async delete(actor: Actor, requestId: string, documentId: string): Promise<void> {
    const document = await this.dataSource.transaction(async (manager) => {
      const request = await this.requests.findForApplicant(actor, requestId, manager);
      const current = await this.lock(manager, request.id);
      if (current.status !== 'draft') {
        throw new DomainError('TRANSITION_NOT_ALLOWED', 'Un document ne peut être retiré que d’un brouillon.', { status: current.status });
      }
      const found = await this.findDocument(manager, request.id, documentId);
      await manager.delete(RequestDocument, { id: found.id });
      await this.audit.record(
        {
          action: 'request.document_deleted',
          actorId: actor.accountId,
          target: { type: 'request', id: request.id },
          details: { documentId: found.id, documentType: found.documentType, sha256: found.sha256 },
        },
        manager,
      );
      return found;
    });
    await removeStoredDocuments(this.storage, [document.storageKey], this.logger);
  }

  private readable(actor: Actor, requestId: string): Promise<Request> {
    return actor.role === 'citizen' ? this.requests.findForApplicant(actor, requestId) : this.requests.findForStaff(actor, requestId);
  }

  private async findDocument(manager: EntityManager, requestId: string, documentId: string): Promise<RequestDocument> {
    const document = await manager.findOneBy(RequestDocument, { id: documentId, requestId });
    if (!document) throw new DomainError('DOCUMENT_NOT_FOUND');
    return document;
  }

  /** The file's row, locked until the transaction ends (uploads and deletions take turns). */
  private lock(manager: EntityManager, requestId: string): Promise<Request> {
    return manager.createQueryBuilder(Request, 'r').setLock('pessimistic_write').where('r.id = :id', { id: requestId }).getOneOrFail();
  }

  private async usedBytes(manager: EntityManager, requestId: string): Promise<number> {
    return Number((await manager.sum(RequestDocument, 'sizeBytes', { requestId })) ?? 0);
  }

  /** The tighter of the per-file limit and what is left of the per-request budget. */
  private limitsFor(usedBytes: number): StorageLimits {
    const { MAX_DOCUMENT_BYTES: perFile, MAX_REQUEST_DOCUMENTS_BYTES: perRequest } = this.config;
    const remaining = perRequest - usedBytes;
    if (remaining <= 0) throw requestDocumentsFull(perRequest);
    return remaining < perFile
      ? { maxBytes: remaining, tooLargeMessage: requestDocumentsFullMessage(perRequest) }
      : { maxBytes: perFile, tooLargeMessage: documentTooLargeMessage(perFile) };
  }
}

function assertAcceptsUploads(request: Request): void {
  if (!UPLOAD_STATUSES.includes(request.status)) {
    throw new DomainError(
      'TRANSITION_NOT_ALLOWED',
      'Des documents ne peuvent être ajoutés qu’à un brouillon, ou en réponse à une demande de compléments.',
      { status: request.status },
    );
  }
}

/** The service's listed documents and its form's `document` fields. */
export function documentTypesOf(service: ServiceVersion): string[] {
  const types = new Set(service.requiredDocuments.map((d) => d.type));
  for (const field of service.formSchema.fields) if (field.type === 'document') types.add(field.key);
  return [...types];
}

function assertDocumentType(service: ServiceVersion, documentType: string): void {
  const types = documentTypesOf(service);
  if (types.includes(documentType)) return;
  throw validationFailed([
    {
      field: 'documentType',
      code: 'UNKNOWN_DOCUMENT_TYPE',
      message: types.length > 0
        ? `Cette démarche ne demande pas ce type de pièce. Types attendus : ${types.join(', ')}.`
        : 'Cette démarche ne demande aucune pièce jointe.',
    },
  ]);
}
