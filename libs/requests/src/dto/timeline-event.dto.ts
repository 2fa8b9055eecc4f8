import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACTION_LABELS_FR, RequestStatus, WORKFLOW_ACTIONS, WorkflowAction } from '../domain/request-workflow';
import type { EventPayload, RequestEvent, RequestEventType } from '../entities/request-event.entity';

const TYPE_LABELS_FR: Record<RequestEventType, string> = {
  created: 'Création du brouillon',
  submitted: 'Dépôt de la demande',
  routed: 'Transmission au service instructeur',
  assigned: 'Attribution à un agent',
  status_changed: 'Changement de statut',
  info_requested: 'Demande de compléments',
  resubmitted: 'Envoi des compléments',
  decided: 'Décision',
  withdrawn: 'Retrait de la demande',
  message_posted: 'Nouveau message',
  document_added: 'Document ajouté',
  document_issued: 'Document émis par la province',
  note_added: 'Note interne',
  deadline_reminder: "Rappel d'échéance",
};

export function eventLabel(event: Pick<RequestEvent, 'type' | 'payload'>): string {
  const action = event.payload.action;
  if (typeof action === 'string' && (WORKFLOW_ACTIONS as readonly string[]).includes(action)) {
    return ACTION_LABELS_FR[action as WorkflowAction];
  }
  if (event.type === 'document_issued') return event.payload.kind === 'receipt' ? 'Récépissé de dépôt' : 'Lettre de décision';
  return TYPE_LABELS_FR[event.type];
}

/** One entry of a file's timeline. Its id is also the live-stream event id. */
export class TimelineEventDto {
  @ApiProperty({ description: 'Increasing; the SSE event id.' }) id: string;
  @ApiProperty() type: string;
  @ApiProperty({ example: 'Demande de compléments' }) label: string;
  @ApiProperty({ type: String, nullable: true }) fromStatus: RequestStatus | null;
  @ApiProperty({ type: String, nullable: true }) toStatus: RequestStatus | null;
  @ApiProperty({ enum: ['applicant', 'agent', 'system'] }) by: 'applicant' | 'agent' | 'system';
  @ApiPropertyOptional({ type: String, nullable: true, description: "On the applicant's side, the account that acted (a business has several)." })
  actorAccountId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: EventPayload;
  @ApiProperty() at: string;

  static from(event: RequestEvent): TimelineEventDto {
    return {
      id: event.id,
      type: event.type,
      label: eventLabel(event),
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      by: event.actorRole === 'system' ? 'system' : event.actorRole === 'applicant' ? 'applicant' : 'agent',
      actorAccountId: event.actorRole === 'applicant' ? event.actorId : null,
      details: event.payload,
      at: event.createdAt.toISOString(),
    };
  }
}
