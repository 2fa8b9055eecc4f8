import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, Actor, ProfileResponseDto } from '@portal/accounts';
import { Business, BusinessMembership } from '@portal/businesses';
import { Notification } from '@portal/notifications';
import { APPLICANT_SIDE, Request, RequestDocument, RequestEvent, RequestMessage, RequestResponseDto, TimelineEventDto } from '@portal/requests';
import { DataSource, In } from 'typeorm';

export interface PersonalDataExport {
  exportedAt: string;
  account: ProfileResponseDto;
  businessLinks: Array<{ businessId: string; ridet: string; legalName: string | null; role: string; status: string; scopeDirectorates: string[] | null; scopeServices: string[] | null; expiresAt: string | null; createdAt: string }>;
  requests: Array<RequestResponseDto & { documents: Array<{ id: string; documentType: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; uploadedAt: string }>; timeline: TimelineEventDto[]; messages: Array<{ from: string; body: string; at: string }> }>;
  notifications: Array<{ title: string; body: string; read: boolean; at: string }>;
}

/**
 * Everything held about a person (right of access): the account and profile, business links (every
 * mandate row, ended ones included: they are the person's own), the files they filed that they may
 * still read (documents' metadata, applicant-side timelines, messages) and their notifications.
 * A business's file belongs to the business: once the mandate has ended or no longer covers it,
 * it leaves the export, as it leaves GET /requests/:id. Internal notes of the directorates are
 * not personal data of the applicant's side.
 */
@Injectable()
export class PersonalDataService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async export(actor: Actor): Promise<PersonalDataExport> {
    const m = this.dataSource.manager;
    const account = await m.findOneByOrFail(Account, { id: actor.accountId });
    const memberships = await m.find(BusinessMembership, { where: { accountId: actor.accountId }, order: { createdAt: 'ASC' } });
    const businesses = new Map(
      (await m.findBy(Business, { id: In(memberships.map((x) => x.businessId)) })).map((b) => [b.id, b]),
    );
    // The files the person filed, as far as they may still read them (the rule of GET /requests/:id):
    // their own personal files, and a business's files only while their mandate covers them.
    const requests = await m
      .createQueryBuilder(Request, 'r')
      .leftJoinAndSelect('r.serviceVersion', 'sv')
      .leftJoinAndSelect('r.business', 'b')
      .where('r.applicant_account_id = :accountId')
      .andWhere(APPLICANT_SIDE, { accountId: actor.accountId })
      .orderBy('r.createdAt', 'ASC')
      .getMany();
    const ids = requests.map((r) => r.id);
    const [documents, events, messages, notifications] = await Promise.all([
      m.find(RequestDocument, { where: { requestId: In(ids) }, order: { createdAt: 'ASC' } }),
      m.find(RequestEvent, { where: { requestId: In(ids), visibility: 'applicant' }, order: { id: 'ASC' } }),
      m.find(RequestMessage, { where: { requestId: In(ids) }, order: { createdAt: 'ASC' } }),
      m.find(Notification, { where: { accountId: actor.accountId }, order: { createdAt: 'ASC' } }),
    ]);
    const byRequest = <T extends { requestId: string }>(rows: T[], id: string) => rows.filter((r) => r.requestId === id);
    return {
      exportedAt: new Date().toISOString(),
      account: ProfileResponseDto.from(account),
      businessLinks: memberships.map((x) => ({
        businessId: x.businessId,
        ridet: businesses.get(x.businessId)?.ridet ?? '',
        legalName: businesses.get(x.businessId)?.legalName ?? null,
        role: x.role,
        status: x.status,
        scopeDirectorates: x.scopeDirectorates,
        scopeServices: x.scopeServices,
        expiresAt: x.expiresAt?.toISOString() ?? null,
        createdAt: x.createdAt.toISOString(),
      })),
      requests: requests.map((r) => ({
        ...RequestResponseDto.from(r),
        documents: byRequest(documents, r.id).map((d) => ({ id: d.id, documentType: d.documentType, fileName: d.fileName, contentType: d.contentType, sizeBytes: d.sizeBytes, sha256: d.sha256, uploadedAt: d.createdAt.toISOString() })),
        timeline: byRequest(events, r.id).map((e) => TimelineEventDto.from(e)),
        messages: byRequest(messages, r.id).map((x) => ({ from: x.authorSide, body: x.body, at: x.createdAt.toISOString() })),
      })),
      notifications: notifications.map((n) => ({ title: n.title, body: n.body, read: n.readAt !== null, at: n.createdAt.toISOString() })),
    };
  }
}
