import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, Actor } from '@portal/accounts';
import { Business, liveMembership, scopeCovers } from '@portal/businesses';
import { AuditService } from '@portal/audit';
import { CatalogueService, computeDueDate, ServiceVersion, validateFormData } from '@portal/catalogue';
import { DomainError, FieldError, validationFailed } from '@portal/common';
import { OutboxService } from '@portal/queue';
import { DataSource, EntityManager } from 'typeorm';
import { checkCorrections, correctionLabel, CorrectionOutcome } from './corrections';
import { CreateRequestDto, ResubmitRequestDto, SubmitRequestDto } from './dto/create-request.dto';
import { ListMyRequestsQuery } from './dto/list-requests.query';
import { RequestResponseDto } from './dto/request-response.dto';
import { RequestDocument } from './entities/request-document.entity';
import { EventPayload, RequestEvent } from './entities/request-event.entity';
import { RequestMessage } from './entities/request-message.entity';
import { Request } from './entities/request.entity';
import { decodeCursor, keysetPage } from './keyset-cursor';
import { DeadlineScheduler } from './deadline-scheduler';
import { IdempotencyService, IdempotentResult } from './idempotency.service';
import { nextReference } from './references';
import { asApplicant } from './request-actor';
import { RequestTimeline } from './request-timeline.service';
import { APPLICANT_SIDE, RequestsRepository } from './requests.repository';


/** The applicant's side of a file: drafts, submission, following it, answering the agent. */
@Injectable()
export class ApplicantRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly requests: RequestsRepository,
    private readonly timeline: RequestTimeline,
    private readonly deadlines: DeadlineScheduler,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
  ) {}

  createDraft(actor: Actor, dto: CreateRequestDto): Promise<Request> {
    return this.dataSource.transaction((manager) => this.insertDraft(manager, actor, dto));
  }

  /**
   * A new draft, in the caller's transaction: as the person, or on behalf of a business the actor
   * holds a live mandate for, whose scope covers the service.
   */
  async insertDraft(manager: EntityManager, actor: Actor, dto: CreateRequestDto): Promise<Request> {
    const service = await this.catalogue.getCurrent(dto.serviceCode);
    if (!service.open) throw new DomainError('SERVICE_NOT_AVAILABLE', "Cette démarche n'accepte plus de nouvelles demandes.");
    const account = await manager.findOneByOrFail(Account, { id: actor.accountId });
    const person = `${account.firstName} ${account.lastName}`;
    let applicantName = person;
    let answers = dto.data ?? {};
    if (dto.businessId) {
      if (!service.applicantKinds.includes('business')) {
        throw new DomainError('SERVICE_NOT_AVAILABLE', "Cette démarche ne peut pas être faite au nom d'une entreprise.");
      }
      const business = await this.mandatedBusiness(manager, actor, dto.businessId, service);
      applicantName = `${business.legalName ?? `RIDET ${business.ridet}`} (${person})`;
      // Nothing asked twice: the business's RIDET is known.
      const ridetFields = service.formSchema.fields.filter((f) => f.type === 'ridet' && answers[f.key] === undefined);
      answers = { ...answers, ...Object.fromEntries(ridetFields.map((f) => [f.key, business.ridet])) };
    } else if (!service.applicantKinds.includes('person')) {
      throw new DomainError('SERVICE_NOT_AVAILABLE', 'Cette démarche est réservée aux entreprises : indiquez pour quelle entreprise vous agissez.');
    }
    const request = manager.create(Request, {
      serviceVersionId: service.id,
      serviceCode: service.code,
      directorateCode: service.directorateCode,
      applicantAccountId: actor.accountId,
      businessId: dto.businessId ?? null,
      applicantName,
      data: this.validateDraftData(service, answers),
    });
    await manager.insert(Request, request);
    await this.timeline.record(manager, request, 'created', asApplicant(actor), 'applicant');
    await this.audit.record({ action: 'request.created', actorId: actor.accountId, target: { type: 'request', id: request.id } }, manager);
    return manager.findOneOrFail(Request, { where: { id: request.id }, relations: { serviceVersion: true, business: true } });
  }

  async updateDraft(actor: Actor, id: string, data: Record<string, unknown>): Promise<Request> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requests.findForApplicant(actor, id, manager);
      if (request.status !== 'draft') throw new DomainError('TRANSITION_NOT_ALLOWED', 'Seul un brouillon peut être modifié.');
      const updated = await this.timeline.conditionalUpdate(manager, request, { data: this.validateDraftData(request.serviceVersion!, data) });
      await this.audit.record({ action: 'request.updated', actorId: actor.accountId, target: { type: 'request', id } }, manager);
      return { ...updated, serviceVersion: request.serviceVersion };
    });
  }

  /**
   * draft → submitted under the caller's Idempotency-Key: the submission and its stored response
   * commit in one transaction; the same key and body replay that response (see IdempotencyService).
   */
  submitIdempotently(actor: Actor, id: string, key: string | undefined, body: SubmitRequestDto): Promise<IdempotentResult<RequestResponseDto>> {
    return this.idempotency.run(actor, key, `submit:${id}`, body, async (manager) => ({
      status: HttpStatus.OK,
      body: RequestResponseDto.from(await this.submit(manager, actor, id, body.expectedVersion)),
    }));
  }

  /** draft → submitted: full validation, reference, due date, intake job — in the idempotent call's transaction. */
  private async submit(manager: EntityManager, actor: Actor, id: string, expectedVersion?: number): Promise<Request> {
    const request = await this.requests.findForApplicant(actor, id, manager);
    // Uploads and deletions take the same lock: the documents checked below cannot change meanwhile.
    await this.requests.lock(manager, request.id);
    if (request.status !== 'draft') throw new DomainError('TRANSITION_NOT_ALLOWED', 'Cette demande a déjà été déposée.');
    if (expectedVersion !== undefined && expectedVersion !== request.version) throw new DomainError('CONFLICT');
    const service = request.serviceVersion!;
    const documentTypes = await this.documentTypes(manager, request.id);
    const errors: FieldError[] = [];
    const validation = validateFormData(service.formSchema, request.data, { documentTypes });
    if (!validation.ok) errors.push(...validation.errors);
    for (const doc of service.requiredDocuments) {
      if (doc.required && !documentTypes.has(doc.type) && !errors.some((e) => e.field === doc.type)) {
        errors.push({ field: doc.type, code: 'DOCUMENT_MISSING', message: `Pièce manquante : ${doc.label}.` });
      }
    }
    if (errors.length > 0) throw validationFailed(errors);

    const now = new Date();
    const dueAt = computeDueDate(now, service.deadlineRule);
    const { request: submitted } = await this.timeline.transition(manager, request, {
      action: 'submit',
      by: asApplicant(actor),
      eventType: 'submitted',
      changes: { submittedAt: now, dueAt, data: validation.ok ? validation.value : request.data },
      payload: { action: 'submit', ...(dueAt ? { dueAt: dueAt.toISOString() } : {}) },
    });
    await this.outbox.enqueue(manager, 'request.intake', { requestId: request.id });
    await this.deadlines.schedule(manager, submitted);
    // Last: the year's counter row stays locked until commit, so the less that follows, the better.
    const reference = await nextReference(manager, now);
    await manager.update(Request, { id: request.id }, { reference });
    return { ...submitted, reference, serviceVersion: service };
  }

  /** awaiting_applicant → in_review, with corrected answers and a reply. */
  async resubmit(actor: Actor, id: string, dto: ResubmitRequestDto): Promise<Request> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requests.findForApplicant(actor, id, manager);
      const service = request.serviceVersion!;
      let data = request.data;
      if (dto.data) {
        const validation = validateFormData(service.formSchema, dto.data, { documentTypes: await this.documentTypes(manager, id) });
        if (!validation.ok) throw validationFailed([...validation.errors]);
        data = validation.value;
      }
      const now = new Date();
      const suspendedMs = request.suspendedMs + (request.awaitingSince ? now.getTime() - request.awaitingSince.getTime() : 0);
      const dueAt = service.deadlineRule.suspendedWhileAwaitingApplicant && request.submittedAt
        ? computeDueDate(request.submittedAt, service.deadlineRule, suspendedMs)
        : request.dueAt;
      const payload: EventPayload = { action: 'resubmit', ...(dueAt ? { dueAt: dueAt.toISOString() } : {}) };
      if (dto.message) payload.message = dto.message;
      const corrected = request.corrections ? await this.checkCorrections(manager, request, data, dto.explanations) : null;
      if (corrected) {
        // Which asked items changed, on the timeline (flat payload: comma-separated keys).
        payload.changedFields = corrected.changedFields.join(',');
        payload.providedDocuments = corrected.providedDocuments.join(',');
        payload.explainedItems = corrected.explained.map((e) => e.key).join(',');
      }
      const { request: updated } = await this.timeline.transition(manager, request, {
        action: 'resubmit',
        by: asApplicant(actor),
        eventType: 'resubmitted',
        changes: { data, suspendedMs, awaitingSince: null, dueAt, corrections: null },
        payload,
      });
      // The reasons given for items left unchanged reach the agent with the reply.
      const reply = [dto.message, ...(corrected?.explained ?? []).map((e) => `${correctionLabel(service, e.key)} : ${e.reason}`)].filter(Boolean).join('\n');
      if (reply) await manager.insert(RequestMessage, { requestId: id, authorId: actor.accountId, authorSide: 'applicant', body: reply });
      if (dueAt?.getTime() !== request.dueAt?.getTime()) await this.deadlines.schedule(manager, updated);
      return { ...updated, serviceVersion: service };
    });
  }

  /** The corrections asked for, against the new answers, the documents added since and the reasons given. */
  private async checkCorrections(manager: EntityManager, request: Request, data: Record<string, unknown>, explanations: Record<string, string> = {}): Promise<CorrectionOutcome> {
    const reasons = Object.entries(explanations);
    const bad = reasons.find(([, reason]) => typeof reason !== 'string' || reason.length > 1000);
    if (bad) throw validationFailed([{ field: `explanations.${bad[0]}`, code: 'INVALID_TYPE', message: 'Chaque explication est un texte de 1 000 caractères au plus.' }]);
    const added = await manager
      .createQueryBuilder(RequestDocument, 'd')
      .select('DISTINCT d.document_type', 'type')
      .where("d.request_id = :id AND d.origin = 'upload' AND d.created_at >= :since", { id: request.id, since: request.awaitingSince ?? new Date(0) })
      .getRawMany<{ type: string }>();
    return checkCorrections(request.corrections!, data, new Set(added.map((r) => r.type)), explanations);
  }

  async withdraw(actor: Actor, id: string): Promise<Request> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requests.findForApplicant(actor, id, manager);
      const { request: updated } = await this.timeline.transition(manager, request, {
        action: 'withdraw',
        by: asApplicant(actor),
        eventType: 'withdrawn',
        changes: { decidedAt: new Date() },
        payload: { action: 'withdraw' },
      });
      return { ...updated, serviceVersion: request.serviceVersion };
    });
  }

  get(actor: Actor, id: string): Promise<Request> {
    return this.requests.findForApplicant(actor, id);
  }

  /**
   * Newest first, keyset-paginated: the files I filed (as long as I may still read them), or with
   * `businessId` a business's files that my live mandate covers.
   */
  async list(actor: Actor, query: ListMyRequestsQuery, businessId?: string): Promise<{ items: Request[]; nextCursor: string | null }> {
    const limit = query.limit ?? 20;
    if (businessId && !(await liveMembership(this.dataSource.manager, actor.accountId, businessId))) {
      throw new DomainError('BUSINESS_NOT_FOUND');
    }
    const qb = this.dataSource.manager
      .createQueryBuilder(Request, 'r')
      .leftJoinAndSelect('r.serviceVersion', 'sv')
      .leftJoinAndSelect('r.business', 'b')
      .where(APPLICANT_SIDE, { accountId: actor.accountId })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC');
    if (businessId) qb.andWhere('r.business_id = :businessId', { businessId });
    else qb.andWhere('r.applicant_account_id = :accountId');
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.cursor) {
      const { value, id } = decodeCursor(query.cursor);
      qb.andWhere('(r.created_at, r.id) < (:value, :id)', { value, id });
    }
    return keysetPage(qb, 'r.created_at', limit);
  }

  /** Every event the applicant may see, oldest first. */
  async timelineOf(actor: Actor, id: string): Promise<RequestEvent[]> {
    const request = await this.requests.findForApplicant(actor, id);
    return this.dataSource.manager.find(RequestEvent, { where: { requestId: request.id, visibility: 'applicant' }, order: { id: 'ASC' } });
  }

  async messages(actor: Actor, id: string): Promise<RequestMessage[]> {
    const request = await this.requests.findForApplicant(actor, id);
    return this.dataSource.manager.find(RequestMessage, { where: { requestId: request.id }, order: { createdAt: 'ASC' } });
  }

  async postMessage(actor: Actor, id: string, body: string): Promise<RequestMessage> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requests.findForApplicant(actor, id, manager);
      if (request.status === 'draft') throw new DomainError('TRANSITION_NOT_ALLOWED', 'Déposez la demande avant d’écrire au service instructeur.');
      const message = manager.create(RequestMessage, { requestId: id, authorId: actor.accountId, authorSide: 'applicant', body });
      await manager.insert(RequestMessage, message);
      await this.timeline.record(manager, request, 'message_posted', asApplicant(actor), 'applicant', { messageId: message.id });
      await this.audit.record({ action: 'request.message_posted', actorId: actor.accountId, target: { type: 'request', id } }, manager);
      return message;
    });
  }

  private async mandatedBusiness(manager: EntityManager, actor: Actor, businessId: string, service: ServiceVersion): Promise<Business> {
    const membership = await liveMembership(manager, actor.accountId, businessId);
    if (!membership) throw new DomainError('BUSINESS_NOT_FOUND');
    if (!scopeCovers(membership, service.directorateCode, service.code)) {
      throw new DomainError('FORBIDDEN', "Votre mandat pour cette entreprise ne couvre pas cette démarche.");
    }
    const business = await manager.findOneByOrFail(Business, { id: businessId });
    if (business.registryStatus === 'struck_off') throw new DomainError('BUSINESS_STRUCK_OFF');
    return business;
  }

  private validateDraftData(service: ServiceVersion, data: Record<string, unknown>): Request['data'] {
    const validation = validateFormData(service.formSchema, data, { partial: true });
    if (!validation.ok) throw validationFailed([...validation.errors]);
    return validation.value;
  }

  private async documentTypes(manager: EntityManager, requestId: string): Promise<Set<string>> {
    const docs = await manager.find(RequestDocument, { where: { requestId }, select: { documentType: true } });
    return new Set(docs.map((d) => d.documentType));
  }
}
