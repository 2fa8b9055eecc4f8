import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import { isLive, MEMBERSHIP_ROLES, MEMBERSHIP_STATUSES, type BusinessMembership } from '@portal/businesses';
import { requestedAmountField, ServiceVersionResponseDto } from '@portal/catalogue';
import { AgentFileView, isOpen, Request, RequestNote, RequestResponseDto, TeamMember, TimelineEventDto } from '@portal/requests';
import { MessageResponseDto } from './message-response.dto';

/** A file as staff see it: the applicant's view plus who filed it and who holds it. */
export class AgentRequestDto extends RequestResponseDto {
  @ApiProperty() applicantName: string;
  @ApiProperty() applicantAccountId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) assigneeId: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Aid schemes: the amount asked for, in whole XPF (the answer of the field marked requestedAmount).' })
  requestedAmountXpf: number | null;

  static forStaff(r: Request, actor: Actor): AgentRequestDto {
    const amountKey = r.serviceVersion ? requestedAmountField(r.serviceVersion.formSchema)?.key : undefined;
    const requested = amountKey === undefined ? undefined : r.data[amountKey];
    return {
      ...RequestResponseDto.from(r, actor.role === 'citizen' ? 'applicant' : actor.role),
      applicantName: r.applicantName,
      applicantAccountId: r.applicantAccountId,
      assigneeId: r.assigneeId,
      overdue: !!r.dueAt && r.dueAt < new Date() && isOpen(r.status),
      requestedAmountXpf: typeof requested === 'number' ? requested : null,
    };
  }
}

export class NoteResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() authorId: string;
  @ApiProperty() body: string;
  @ApiProperty() at: string;

  static from(n: RequestNote): NoteResponseDto {
    return { id: n.id, authorId: n.authorId, body: n.body, at: n.createdAt.toISOString() };
  }
}

/** The mandate an on-behalf file was filed under, as it stands now. */
export class FileMandateDto {
  @ApiProperty({ enum: MEMBERSHIP_ROLES }) role: string;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status: string;
  @ApiProperty({ description: 'Verified, not ended, not expired.' }) live: boolean;
  @ApiPropertyOptional({ type: [String], nullable: true, description: 'Directorates covered; null: all.' }) scopeDirectorates: string[] | null;
  @ApiPropertyOptional({ type: [String], nullable: true, description: 'Services covered; null: all.' }) scopeServices: string[] | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['daji', 'business_admin', 'invitation'] }) verifiedVia: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) verifiedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) expiresAt: string | null;

  static from(m: BusinessMembership, now = new Date()): FileMandateDto {
    return {
      role: m.role,
      status: m.status,
      live: isLive(m, now),
      scopeDirectorates: m.scopeDirectorates,
      scopeServices: m.scopeServices,
      verifiedVia: m.verifiedVia,
      verifiedAt: m.verifiedAt?.toISOString() ?? null,
      expiresAt: m.expiresAt?.toISOString() ?? null,
    };
  }
}

/** A timeline event as staff see it: internal ones (notes, assignments) included and marked. */
export class AgentTimelineEventDto extends TimelineEventDto {
  @ApiProperty({ enum: ['applicant', 'internal'] }) visibility: 'applicant' | 'internal';
}

export class AgentFileDto {
  @ApiProperty({ type: AgentRequestDto }) request: AgentRequestDto;
  @ApiProperty({ type: ServiceVersionResponseDto, description: 'The version of the service the file was filed against: its form labels and document types.' })
  service: ServiceVersionResponseDto;
  @ApiPropertyOptional({ type: FileMandateDto, nullable: true, description: 'On a business’s file: the mandate of the person who filed it.' })
  mandate: FileMandateDto | null;
  @ApiProperty({ type: [AgentTimelineEventDto], description: 'Every event, internal ones included.' }) events: AgentTimelineEventDto[];
  @ApiProperty({ type: [NoteResponseDto] }) notes: NoteResponseDto[];
  @ApiProperty({ type: [MessageResponseDto] }) messages: MessageResponseDto[];

  static from(view: AgentFileView, actor: Actor): AgentFileDto {
    return {
      request: AgentRequestDto.forStaff(view.request, actor),
      service: ServiceVersionResponseDto.from(view.request.serviceVersion!),
      mandate: view.mandate ? FileMandateDto.from(view.mandate) : null,
      events: view.events.map((e) => ({ ...TimelineEventDto.from(e), visibility: e.visibility })),
      notes: view.notes.map((n) => NoteResponseDto.from(n)),
      messages: MessageResponseDto.list(view),
    };
  }
}

export class WorklistPageDto {
  @ApiProperty({ type: [AgentRequestDto] }) items: AgentRequestDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

export class TeamMemberDto {
  @ApiProperty() id: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ enum: ['agent', 'supervisor'] }) role: 'agent' | 'supervisor';
  @ApiProperty() directorateCode: string;
  @ApiProperty({ description: 'Open files assigned.' }) openFiles: number;
  @ApiProperty({ description: 'Of those, past their due date.' }) overdueFiles: number;

  static from(m: TeamMember): TeamMemberDto {
    return { ...m };
  }
}
