import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account } from '@portal/accounts';
import { liveMandateCovering } from '@portal/businesses';
import { formatNoumeaDate, formatXpf } from '@portal/catalogue';
import { AppConfig } from '@portal/config';
import { EmailAttachment, EmailService, Notification, requestEventTemplate } from '@portal/notifications';
import { RealtimePublisher } from '@portal/realtime';
import { DataSource, EntityManager } from 'typeorm';
import { STATUS_LABELS_FR } from './domain/request-workflow';
import { eventLabel } from './dto/timeline-event.dto';
import { RequestDocument } from './entities/request-document.entity';
import { RequestEvent } from './entities/request-event.entity';
import { Request } from './entities/request.entity';

/**
 * Tells the applicant about one event: an in-app notification and a French email, each at most
 * once per (event, account) thanks to unique keys, whatever the number of deliveries of the job.
 */
@Injectable()
export class RequestNotifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emails: EmailService,
    private readonly config: AppConfig,
    private readonly realtime: RealtimePublisher,
  ) {}

  async notify(eventId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const event = await manager.findOneBy(RequestEvent, { id: eventId });
      if (!event || event.visibility !== 'applicant') return;
      const request = await manager.findOneOrFail(Request, { where: { id: event.requestId }, relations: { serviceVersion: true } });
      const title = `${request.reference ?? 'Votre demande'} — ${eventLabel(event)}`;
      const body = describe(event, request);
      const attachments = await this.attachmentsOf(manager, event);
      for (const recipient of await this.recipients(manager, request)) {
        const notification = await manager.createQueryBuilder().insert().into(Notification)
          .values({ accountId: recipient.id, requestId: request.id, eventId: event.id, title, body })
          .orIgnore()
          .returning(['id'])
          .execute();
        const notificationId = (notification.raw as Array<{ id: string }>)[0]?.id;
        if (notificationId) this.realtime.afterCommit(manager, { kind: 'notification', id: notificationId, accountId: recipient.id });
        const url = `${this.config.PUBLIC_URL}/demandes/${request.id}`;
        await this.emails.queue(manager, { address: recipient.email, accountId: recipient.id, eventId: event.id }, requestEventTemplate(recipient.firstName, title, body, url), attachments);
      }
    });
  }

  /** A letter the portal issued travels with the email that announces it. */
  private async attachmentsOf(manager: EntityManager, event: RequestEvent): Promise<EmailAttachment[]> {
    if (event.type !== 'document_issued' || typeof event.payload.documentId !== 'string') return [];
    const document = await manager.findOneBy(RequestDocument, { id: event.payload.documentId, requestId: event.requestId });
    return document ? [{ storageKey: document.storageKey, fileName: document.fileName, contentType: document.contentType }] : [];
  }

  /** The applicant; for a business's file, every member whose live mandate covers it. */
  private recipients(manager: EntityManager, request: Request): Promise<Account[]> {
    const qb = manager.createQueryBuilder(Account, 'a').where("a.status = 'active'");
    if (!request.businessId) return qb.andWhere('a.id = :id', { id: request.applicantAccountId }).getMany();
    return qb
      .andWhere(liveMandateCovering(':businessId', ':directorate', ':service', 'a.id'), {
        businessId: request.businessId,
        directorate: request.directorateCode,
        service: request.serviceCode,
      })
      .getMany();
  }
}

/** The sentence the applicant reads, in French. */
export function describe(event: RequestEvent, request: Request): string {
  const service = request.serviceVersion?.title ?? request.serviceCode;
  const p = event.payload;
  const due = typeof p.dueAt === 'string' ? ` Une décision doit intervenir au plus tard le ${formatNoumeaDate(new Date(p.dueAt))}.` : '';
  switch (event.type) {
    case 'submitted':
      return `Votre demande « ${service} » a bien été déposée sous la référence ${request.reference}.${due}`;
    case 'routed':
      return `Votre demande a été transmise à la direction compétente (${request.directorateCode}) et est en cours d'instruction.`;
    case 'info_requested':
      return `Le service instructeur vous demande des compléments : « ${String(p.message ?? '')} ». Répondez depuis votre espace pour reprendre l'instruction.`;
    case 'resubmitted':
      return `Vos compléments ont été transmis ; l'instruction reprend.${due}`;
    case 'decided':
      return p.decisionKind === 'implicit'
        ? `Faute de réponse dans le délai prévu, votre demande est réputée ${STATUS_LABELS_FR[event.toStatus!]} (décision implicite).`
        : `Votre demande est ${STATUS_LABELS_FR[event.toStatus!]}.${typeof p.grantedAmountXpf === 'number' ? ` Montant accordé : ${formatXpf(p.grantedAmountXpf)}.` : ''}${typeof p.reason === 'string' ? ` Motif : ${p.reason}` : ''}`;
    case 'withdrawn':
      return 'Votre demande a été retirée.';
    case 'document_issued':
      return p.kind === 'receipt'
        ? `Le récépissé de dépôt de votre demande « ${service} » est joint à ce message et disponible dans votre espace. Son code de vérification : ${String(p.sealCode)}.`
        : `La lettre de décision sur votre demande « ${service} » est jointe à ce message et disponible dans votre espace. Son code de vérification : ${String(p.sealCode)}.`;
    case 'message_posted':
      return 'Vous avez reçu un nouveau message du service instructeur.';
    case 'status_changed':
      return `Votre demande est désormais ${STATUS_LABELS_FR[event.toStatus ?? request.status]}.`;
    default:
      return eventLabel(event);
  }
}
