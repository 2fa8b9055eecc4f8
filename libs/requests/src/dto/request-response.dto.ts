import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { formatNoumeaDate } from '@portal/catalogue';
import type { JsonObject } from '@portal/common';
import { correctionLabel } from '../corrections';
import { ActorRole, allowedActions, REQUEST_STATUSES, RequestStatus, STATUS_LABELS_FR, WorkflowAction } from '../domain/request-workflow';
import type { Request } from '../entities/request.entity';
import { Business } from '@portal/businesses';
import { Ridet } from '@portal/common';

const OUTCOME_SENTENCE = {
  implicit_rejection: (date: string) => `Sans décision au ${date}, votre demande sera réputée rejetée (silence de l'administration).`,
  implicit_approval: (date: string) => `Sans décision au ${date}, votre demande sera réputée acceptée.`,
} as const;

export class DeadlineDto {
  @ApiProperty() dueAt: string;
  @ApiProperty({ example: '29/01/2027', description: 'The due date in Nouméa time.' }) dueDate: string;
  @ApiProperty({ enum: ['implicit_rejection', 'implicit_approval'] }) outcome: 'implicit_rejection' | 'implicit_approval';
  @ApiProperty() explanation: string;
  @ApiProperty({ description: 'True while the clock is stopped, waiting for the applicant.' }) suspended: boolean;
}

export class RequestBusinessDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '1 234 567 001' }) ridet: string;
  @ApiPropertyOptional({ type: String, nullable: true }) legalName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) legalForm: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) nafCode: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) commune: string | null;
  @ApiProperty({ enum: ['unknown', 'active', 'struck_off'] }) registryStatus: string;

  static from(b: Business): RequestBusinessDto {
    const ridet = Ridet.tryParse(b.ridet);
    return {
      id: b.id,
      ridet: ridet ? ridet.format() : b.ridet,
      legalName: b.legalName,
      legalForm: b.legalForm,
      nafCode: b.nafCode,
      commune: b.commune,
      registryStatus: b.registryStatus,
    };
  }
}

/** A file as its applicant sees it. */
export class CorrectionItemDto {
  @ApiProperty({ description: 'A field key, or a document type.' }) key: string;
  @ApiProperty({ example: 'Commune du logement' }) label: string;
}

/** What the agent asked to correct: each must change, or be explained, before resubmitting. */
export class CorrectionsDto {
  @ApiProperty({ type: [CorrectionItemDto] }) fields: CorrectionItemDto[];
  @ApiProperty({ type: [CorrectionItemDto] }) documents: CorrectionItemDto[];
}

export class RequestResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true, example: 'PS-2026-000123' }) reference: string | null;
  @ApiProperty() serviceCode: string;
  @ApiProperty() serviceTitle: string;
  @ApiProperty() serviceVersion: number;
  @ApiProperty({ description: 'The directorate the file is with.' }) directorateCode: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status: RequestStatus;
  @ApiProperty({ example: 'en instruction' }) statusLabel: string;
  @ApiProperty({ type: String, nullable: true, enum: ['explicit', 'implicit'] }) decisionKind: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: JsonObject;
  @ApiPropertyOptional({ nullable: true, type: RequestBusinessDto, description: 'The business filed for, if any (applicant of record).' })
  business: RequestBusinessDto | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Aid schemes: the amount granted, in whole XPF.' }) grantedAmountXpf: number | null;
  @ApiProperty({ description: 'Pass it back as expectedVersion to change the file.' }) version: number;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: DeadlineDto }) deadline: DeadlineDto | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: CorrectionsDto, description: 'While awaiting the applicant: the answers and documents to correct.' })
  corrections: CorrectionsDto | null;
  @ApiProperty({ type: [String], description: 'What the caller may do now.' }) allowedActions: WorkflowAction[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(r: Request, role: ActorRole = 'applicant'): RequestResponseDto {
    return {
      id: r.id,
      reference: r.reference,
      serviceCode: r.serviceCode,
      serviceTitle: r.serviceVersion?.title ?? r.serviceCode,
      serviceVersion: r.serviceVersion?.version ?? 0,
      directorateCode: r.directorateCode,
      status: r.status,
      statusLabel: STATUS_LABELS_FR[r.status],
      decisionKind: r.decisionKind,
      data: r.data,
      business: r.business ? RequestBusinessDto.from(r.business) : null,
      grantedAmountXpf: r.grantedAmountXpf,
      version: r.version,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      deadline: deadlineOf(r),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      corrections: correctionsOf(r),
      allowedActions: allowedActions(r.status, role),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }
}

function correctionsOf(r: Request): CorrectionsDto | null {
  if (!r.corrections || r.status !== 'awaiting_applicant') return null;
  return {
    fields: r.corrections.fields.map(({ key }) => ({ key, label: correctionLabel(r.serviceVersion, key) })),
    documents: r.corrections.documents.map((type) => ({ key: type, label: correctionLabel(r.serviceVersion, type) })),
  };
}

function deadlineOf(r: Request): DeadlineDto | null {
  const outcome = r.serviceVersion?.deadlineRule.outcome;
  if (!r.dueAt || !outcome || outcome === 'none' || r.decidedAt) return null;
  const dueDate = formatNoumeaDate(r.dueAt);
  return {
    dueAt: r.dueAt.toISOString(),
    dueDate,
    outcome,
    explanation: OUTCOME_SENTENCE[outcome](dueDate),
    suspended: r.status === 'awaiting_applicant' && (r.serviceVersion?.deadlineRule.suspendedWhileAwaitingApplicant ?? false),
  };
}

export class RequestPageDto {
  @ApiProperty({ type: [RequestResponseDto] }) items: RequestResponseDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor: string | null;
}
