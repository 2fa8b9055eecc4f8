import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, Actor } from '@portal/accounts';
import { AuditService } from '@portal/audit';
import { BusinessMembership, liveMembership } from '@portal/businesses';
import { assertNever, DomainError, validationFailed } from '@portal/common';
import { DataSource, EntityManager } from 'typeorm';
import { requestedCorrections } from './corrections';
import { isOpen } from './domain/request-workflow';
import { AgentAction, AssignRequestDto, TransitionRequestDto } from './dto/agent.dto';
import { EventPayload, RequestEvent, RequestEventType } from './entities/request-event.entity';
import { RequestMessage } from './entities/request-message.entity';
import { RequestNote } from './entities/request-note.entity';
import { conversationOf } from './messages/request-messages.service';
import { RequestDocument } from './entities/request-document.entity';
import { Request } from './entities/request.entity';
import { asStaff } from './request-actor';
import { RequestTimeline, TransitionInput } from './request-timeline.service';
import { RequestsRepository } from './requests.repository';

export interface AgentFileView {
  request: Request;
  events: RequestEvent[];
  notes: RequestNote[];
  messages: RequestMessage[];
  /** Documents attached to the messages. */
  attachments: RequestDocument[];
  /** On a business's file: the mandate the filer acted under (their latest for the business, live or ended). */
  mandate: BusinessMembership | null;
}

/** The directorate's side: reading files of its own directorate, assigning, deciding, notes. */
@Injectable()
export class AgentRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requests: RequestsRepository,
    private readonly timeline: RequestTimeline,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor, id: string): Promise<AgentFileView> {
    const request = await this.requests.findForStaff(actor, id);
    const manager = this.dataSource.manager;
    const [events, notes, conversation, mandate] = await Promise.all([
      manager.find(RequestEvent, { where: { requestId: id }, order: { id: 'ASC' } }),
      manager.find(RequestNote, { where: { requestId: id }, order: { createdAt: 'ASC' } }),
      conversationOf(manager, id),
      request.businessId
        ? manager.findOne(BusinessMembership, { where: { businessId: request.businessId, accountId: request.applicantAccountId }, order: { createdAt: 'DESC' } })
        : null,
    ]);
    return { request, events, notes, ...conversation, mandate };
  }

  async transition(actor: Actor, id: string, dto: TransitionRequestDto): Promise<Request> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requests.findForStaff(actor, id, manager);
      await this.assertDisinterested(manager, actor.accountId, request);
      if (request.version !== dto.expectedVersion) throw new DomainError('CONFLICT');
      const now = new Date();
      const { request: updated } = await this.timeline.transition(manager, request, this.transitionInput(actor, request, dto, now));
      if (dto.action === 'request_info') {
        await manager.insert(RequestMessage, { requestId: id, authorId: actor.accountId, authorSide: 'agent', body: dto.message! });
      }
      if (dto.action === 'start_review' && !request.assigneeId) {
        await this.timeline.conditionalUpdate(manager, updated, { assigneeId: actor.accountId });
      }
      return manager.findOneOrFail(Request, { where: { id }, relations: { serviceVersion: true } });
    });
  }

  /** Claim a file, or (supervisors, admins) assign it to an agent of the same directorate. */
  async assign(actor: Actor, id: string, dto: AssignRequestDto): Promise<Request> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requests.findForStaff(actor, id, manager);
      if (request.version !== dto.expectedVersion) throw new DomainError('CONFLICT');
      const assigneeId = dto.assigneeId ?? actor.accountId;
      if (assigneeId !== actor.accountId && actor.role === 'agent') throw new DomainError('FORBIDDEN', 'Seul un superviseur peut attribuer un dossier à un collègue.');
      await this.assertColleague(manager, assigneeId, request.directorateCode);
      await this.assertDisinterested(manager, assigneeId, request);
      if (!isOpen(request.status)) throw new DomainError('TRANSITION_NOT_ALLOWED');
      const updated = await this.timeline.conditionalUpdate(manager, request, { assigneeId });
      await this.timeline.record(manager, updated, 'assigned', asStaff(actor), 'internal', { assigneeId, previousAssigneeId: request.assigneeId });
      await this.audit.record({ action: 'request.assigned', actorId: actor.accountId, target: { type: 'request', id }, details: { assigneeId } }, manager);
      return manager.findOneOrFail(Request, { where: { id }, relations: { serviceVersion: true } });
    });
  }

  async addNote(actor: Actor, id: string, body: string): Promise<RequestNote> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requests.findForStaff(actor, id, manager);
      const note = manager.create(RequestNote, { requestId: id, authorId: actor.accountId, body });
      await manager.insert(RequestNote, note);
      await this.timeline.record(manager, request, 'note_added', asStaff(actor), 'internal', { noteId: note.id });
      await this.audit.record({ action: 'request.note_added', actorId: actor.accountId, target: { type: 'request', id } }, manager);
      return note;
    });
  }

  private transitionInput(actor: Actor, request: Request, dto: TransitionRequestDto, now: Date): TransitionInput {
    const by = asStaff(actor);
    const base = (eventType: RequestEventType, payload: EventPayload, changes: TransitionInput['changes'] = {}): TransitionInput => ({
      action: dto.action,
      by,
      eventType,
      payload: { action: dto.action, ...payload },
      changes,
    });
    if ((dto.fieldsToCorrect !== undefined || dto.documentsToProvide !== undefined) && dto.action !== 'request_info') {
      throw validationFailed([{ field: dto.fieldsToCorrect !== undefined ? 'fieldsToCorrect' : 'documentsToProvide', code: 'NOT_APPLICABLE', message: 'Les corrections se précisent avec une demande de compléments.' }]);
    }
    if (dto.grantedAmountXpf !== undefined && dto.action !== 'approve') {
      throw validationFailed([{ field: 'grantedAmountXpf', code: 'NOT_APPLICABLE', message: 'Un montant ne s’accorde qu’à l’acceptation.' }]);
    }
    const action: AgentAction = dto.action;
    switch (action) {
      case 'start_review':
        return base('status_changed', {});
      case 'request_info': {
        const corrections = requestedCorrections(request.serviceVersion!, request.data, dto.fieldsToCorrect, dto.documentsToProvide);
        const payload: EventPayload = { message: dto.message! };
        // The timeline's payload is flat: the lists travel as comma-separated keys.
        if (corrections?.fields.length) payload.fieldsToCorrect = corrections.fields.map((f) => f.key).join(',');
        if (corrections?.documents.length) payload.documentsToProvide = corrections.documents.join(',');
        return base('info_requested', payload, { awaitingSince: now, corrections });
      }
      case 'approve': {
        const grantedAmountXpf = grantedAmount(request, dto);
        const payload: EventPayload = dto.reason ? { reason: dto.reason } : {};
        if (grantedAmountXpf !== null) payload.grantedAmountXpf = grantedAmountXpf;
        return base('decided', payload, { decidedAt: now, decisionKind: 'explicit', grantedAmountXpf });
      }
      case 'reject':
      case 'close':
        return base('decided', { reason: dto.reason! }, { decidedAt: now, decisionKind: 'explicit' });
      default:
        return assertNever(action);
    }
  }

  /** Nobody instructs a file they filed, or a file of a business they hold a mandate for. */
  private async assertDisinterested(manager: EntityManager, accountId: string, request: Request): Promise<void> {
    const interested = request.applicantAccountId === accountId || (request.businessId !== null && (await liveMembership(manager, accountId, request.businessId)) !== null);
    if (interested) throw new DomainError('FORBIDDEN', 'Vous ne pouvez pas instruire une demande qui vous concerne : elle doit être traitée par un collègue.');
  }

  private async assertColleague(manager: EntityManager, accountId: string, directorateCode: string): Promise<void> {
    const colleague = await manager.findOneBy(Account, { id: accountId });
    const eligible = colleague && colleague.status === 'active' && ['agent', 'supervisor'].includes(colleague.role) && colleague.directorateCode === directorateCode;
    if (!eligible) {
      throw new DomainError('VALIDATION_FAILED', undefined, [{ field: 'assigneeId', code: 'NOT_IN_DIRECTORATE', message: "Cet agent n'appartient pas à la direction du dossier." }]);
    }
  }
}

/** Aid schemes (a form field marked requestedAmount): approving records the amount granted, within the ceiling. */
function grantedAmount(request: Request, dto: TransitionRequestDto): number | null {
  const field = request.serviceVersion?.formSchema.fields.find((f) => f.requestedAmount);
  if (!field) {
    if (dto.grantedAmountXpf === undefined) return null;
    throw validationFailed([{ field: 'grantedAmountXpf', code: 'NOT_APPLICABLE', message: "Cette démarche n'est pas une aide : aucun montant à accorder." }]);
  }
  if (dto.grantedAmountXpf === undefined) {
    throw validationFailed([{ field: 'grantedAmountXpf', code: 'REQUIRED', message: 'Indiquez le montant accordé, en francs CFP.' }]);
  }
  if (field.max !== undefined && dto.grantedAmountXpf > field.max) {
    throw validationFailed([{ field: 'grantedAmountXpf', code: 'TOO_LARGE', message: `Le montant accordé dépasse le plafond du dispositif (${field.max} XPF).` }]);
  }
  return dto.grantedAmountXpf;
}
