import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@portal/accounts';
import { AuditService } from '@portal/audit';
import { DomainError, validationFailed } from '@portal/common';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { DocumentsService, StoredUpload } from '../documents/documents.service';
import { RequestDocument } from '../entities/request-document.entity';
import { RequestMessage } from '../entities/request-message.entity';
import type { Request } from '../entities/request.entity';
import { asApplicant, asStaff } from '../request-actor';
import { RequestTimeline } from '../request-timeline.service';
import { RequestsRepository } from '../requests.repository';

/** The side a message is written from: the applicant's (own files), or the directorate's. */
export type MessageSide = 'applicant' | 'agent';

/** A file arriving with a message, read as it streams. */
export interface IncomingFile {
  stream: Readable;
  name: string | undefined;
}

/** At most this many documents per message. */
export const MAX_MESSAGE_ATTACHMENTS = 3;
export const MAX_MESSAGE_LENGTH = 5000;
/** The document type of what is attached to a message (not one of the service's types). */
export const MESSAGE_ATTACHMENT_TYPE = 'piece_jointe_message';

/** A file's messages, oldest first, and the documents attached to them (each names its message). */
export interface Conversation {
  messages: RequestMessage[];
  attachments: RequestDocument[];
}

/** A message just written, with its documents. */
export interface PostedMessage {
  message: RequestMessage;
  attachments: RequestDocument[];
}

export async function conversationOf(manager: EntityManager, requestId: string): Promise<Conversation> {
  const [messages, attachments] = await Promise.all([
    manager.find(RequestMessage, { where: { requestId }, order: { createdAt: 'ASC', id: 'ASC' } }),
    manager.find(RequestDocument, { where: { requestId, messageId: Not(IsNull()) }, order: { createdAt: 'ASC', id: 'ASC' } }),
  ]);
  return { messages, attachments };
}

/**
 * Messages between the applicant and the directorate, with their documents. Attachments go through
 * the same checks and budget as the file's documents, stay documents of the file, and commit with
 * their message, its timeline event and its audit entry; a failed commit removes their bytes.
 */
@Injectable()
export class RequestMessages {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requests: RequestsRepository,
    private readonly documents: DocumentsService,
    private readonly timeline: RequestTimeline,
    private readonly audit: AuditService,
  ) {}

  /** The applicant's view of the conversation, oldest first, each message with its documents. */
  async list(actor: Actor, requestId: string): Promise<Conversation> {
    const request = await this.requests.findForApplicant(actor, requestId);
    return conversationOf(this.dataSource.manager, request.id);
  }

  async post(actor: Actor, side: MessageSide, requestId: string, body: string, files: AsyncIterable<IncomingFile> | IncomingFile[] = []): Promise<PostedMessage> {
    const request = await this.writable(actor, side, requestId);
    const stored: StoredUpload[] = [];
    try {
      for await (const file of files) {
        if (stored.length >= MAX_MESSAGE_ATTACHMENTS) throw tooManyAttachments();
        stored.push(await this.documents.store(file.stream, file.name, await this.documents.budget(request.id, totalBytes(stored))));
      }
      return await this.dataSource.transaction(async (manager) => {
        await this.requests.lock(manager, request.id);
        if (stored.length > 0) await this.documents.assertWithinBudget(manager, request.id, totalBytes(stored));
        const message = manager.create(RequestMessage, { requestId: request.id, authorId: actor.accountId, authorSide: side, body });
        await manager.insert(RequestMessage, message);
        // One millisecond apart, so the documents list in the order they came (one transaction, one now()).
        const at = message.createdAt.getTime();
        const attachments = stored.map((s, i) =>
          manager.create(RequestDocument, { ...s, requestId: request.id, documentType: MESSAGE_ATTACHMENT_TYPE, messageId: message.id, uploadedBy: actor.accountId, createdAt: new Date(at + i) }),
        );
        if (attachments.length > 0) await manager.insert(RequestDocument, attachments);
        const by = side === 'applicant' ? asApplicant(actor) : asStaff(actor);
        await this.timeline.record(manager, request, 'message_posted', by, 'applicant', { messageId: message.id, ...(attachments.length > 0 ? { documentCount: attachments.length } : {}) });
        await this.audit.record(
          {
            action: 'request.message_posted',
            actorId: actor.accountId,
            target: { type: 'request', id: request.id },
            ...(attachments.length > 0 ? { details: { documents: attachments.map((d) => ({ id: d.id, contentType: d.contentType, sizeBytes: d.sizeBytes, sha256: d.sha256 })) } } : {}),
          },
          manager,
        );
        return { message, attachments };
      });
    } catch (error) {
      await this.documents.discard(stored);
      throw error;
    }
  }

  /** The applicant writes once the file is submitted; the directorate, on any file it may read. */
  private async writable(actor: Actor, side: MessageSide, requestId: string): Promise<Request> {
    if (side === 'agent') return this.requests.findForStaff(actor, requestId);
    const request = await this.requests.findForApplicant(actor, requestId);
    if (request.status === 'draft') throw new DomainError('TRANSITION_NOT_ALLOWED', 'Déposez la demande avant d’écrire au service instructeur.');
    return request;
  }
}

const totalBytes = (stored: readonly StoredUpload[]): number => stored.reduce((sum, s) => sum + s.sizeBytes, 0);

const tooManyAttachments = (): DomainError =>
  validationFailed([{ field: 'file', code: 'TOO_MANY_FILES', message: `Un message peut porter ${MAX_MESSAGE_ATTACHMENTS} documents au plus.` }]);
