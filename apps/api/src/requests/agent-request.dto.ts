import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Actor } from '@portal/accounts';
import { AgentFileView, isOpen, Request, RequestNote, RequestResponseDto, TimelineEventDto } from '@portal/requests';
import { MessageResponseDto } from './message-response.dto';

/** A file as staff see it: the applicant's view plus who filed it and who holds it. */
export class AgentRequestDto extends RequestResponseDto {
  @ApiProperty() applicantName: string;
  @ApiProperty() applicantAccountId: string;
  @ApiPropertyOptional({ nullable: true }) assigneeId: string | null;
  @ApiProperty() overdue: boolean;

  static forStaff(r: Request, actor: Actor): AgentRequestDto {
    return {
      ...RequestResponseDto.from(r, actor.role === 'citizen' ? 'applicant' : actor.role),
      applicantName: r.applicantName,
      applicantAccountId: r.applicantAccountId,
      assigneeId: r.assigneeId,
      overdue: !!r.dueAt && r.dueAt < new Date() && isOpen(r.status),
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

export class AgentFileDto {
  @ApiProperty({ type: AgentRequestDto }) request: AgentRequestDto;
  @ApiProperty({ type: [TimelineEventDto], description: 'Every event, internal ones included.' }) events: TimelineEventDto[];
  @ApiProperty({ type: [NoteResponseDto] }) notes: NoteResponseDto[];
  @ApiProperty({ type: [MessageResponseDto] }) messages: MessageResponseDto[];

  static from(view: AgentFileView, actor: Actor): AgentFileDto {
    return {
      request: AgentRequestDto.forStaff(view.request, actor),
      events: view.events.map((e) => ({ ...TimelineEventDto.from(e), visibility: e.visibility })),
      notes: view.notes.map((n) => NoteResponseDto.from(n)),
      messages: MessageResponseDto.list(view),
    };
  }
}

export class WorklistPageDto {
  @ApiProperty({ type: [AgentRequestDto] }) items: AgentRequestDto[];
  @ApiPropertyOptional({ nullable: true }) nextCursor: string | null;
}
