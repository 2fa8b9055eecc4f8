import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsCalendarDate } from '@portal/common';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { REQUEST_STATUSES, RequestStatus } from '../domain/request-workflow';
import { KeysetPageQuery } from './keyset-page.query';

export const AGENT_ACTIONS = ['start_review', 'request_info', 'approve', 'reject', 'close'] as const;
export type AgentAction = (typeof AGENT_ACTIONS)[number];

export class TransitionRequestDto {
  @ApiProperty({ enum: AGENT_ACTIONS })
  @IsIn(AGENT_ACTIONS)
  action: AgentAction;

  @ApiPropertyOptional({ description: 'Required to reject or close.' })
  @ValidateIf((o: TransitionRequestDto) => o.action === 'reject' || o.action === 'close' || o.reason !== undefined)
  @IsString({ message: 'Un motif est obligatoire pour refuser ou classer sans suite.' })
  @Matches(/\S/, { message: 'Un motif est obligatoire pour refuser ou classer sans suite.' })
  @MaxLength(5000)
  reason?: string;

  @ApiPropertyOptional({ description: 'Required to ask for information: what the applicant must provide.' })
  @ValidateIf((o: TransitionRequestDto) => o.action === 'request_info' || o.message !== undefined)
  @IsString({ message: 'Un message au demandeur est obligatoire pour demander des compléments.' })
  @Matches(/\S/, { message: 'Un message au demandeur est obligatoire pour demander des compléments.' })
  @MaxLength(5000)
  message?: string;

  @ApiPropertyOptional({ type: [String], description: 'With request_info: the form answers (field keys) the applicant must correct.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9_]{1,64}$/, { each: true, message: 'Chaque champ à corriger se désigne par sa clé (lettres, chiffres, _).' })
  fieldsToCorrect?: string[];

  @ApiPropertyOptional({ type: [String], description: 'With request_info: the document types the applicant must provide again.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9_]{1,64}$/, { each: true, message: 'Chaque pièce demandée se désigne par son type (lettres, chiffres, _).' })
  documentsToProvide?: string[];

  @ApiPropertyOptional({ description: 'Aid schemes, on approval: the amount granted in whole XPF (at most the scheme ceiling).' })
  @IsOptional()
  @IsInt({ message: 'Le montant accordé doit être un nombre entier de francs CFP.' })
  @Min(0)
  grantedAmountXpf?: number;

  @ApiProperty({ description: 'The version read; a concurrent change makes this call fail with 409.' })
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

export class AssignRequestDto {
  @ApiPropertyOptional({ description: 'Omit to claim the file yourself; supervisors may name a colleague.' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

export class NoteDto {
  @ApiProperty()
  @IsString()
  @Matches(/\S/, { message: 'La note ne peut pas être vide.' })
  @MaxLength(5000)
  body: string;
}

export const WORKLIST_SORTS = ['due_at', 'submitted_at'] as const;

export class WorklistQuery extends KeysetPageQuery {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES }) @IsOptional() @IsIn(REQUEST_STATUSES)
  status?: RequestStatus;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64)
  service?: string;

  @ApiPropertyOptional({ enum: ['me', 'none', 'any'], default: 'any' }) @IsOptional() @IsIn(['me', 'none', 'any'])
  assignee?: 'me' | 'none' | 'any';

  @ApiPropertyOptional() @IsOptional() @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'Submitted on or after this day (Nouméa time).' }) @IsOptional() @IsCalendarDate()
  submittedFrom?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Submitted on or before this day (Nouméa time).' }) @IsOptional() @IsCalendarDate()
  submittedTo?: string;

  @ApiPropertyOptional({ description: 'A reference (PS-2026-…) or words of the applicant’s name.' }) @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: WORKLIST_SORTS, default: 'due_at' }) @IsOptional() @IsIn(WORKLIST_SORTS)
  sort?: (typeof WORKLIST_SORTS)[number];

  @ApiPropertyOptional({ enum: ['DEL', 'DDET', 'DAJI'], description: 'Admins only: one directorate.' }) @IsOptional() @IsIn(['DEL', 'DDET', 'DAJI'])
  directorate?: 'DEL' | 'DDET' | 'DAJI';
}

/** The worklist's filters and order, without paging: an export takes the whole list. */
export class WorklistExportQuery extends OmitType(WorklistQuery, ['cursor', 'limit'] as const) {}
