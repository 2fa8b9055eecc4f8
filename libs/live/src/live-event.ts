import type { EventPayload, EventVisibility, RequestEventType, RequestStatus } from '@portal/requests';

/** A timeline event with what routing needs to know about its file. */
export interface LiveEvent {
  id: string;
  requestId: string;
  type: RequestEventType;
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus | null;
  actorId: string | null;
  actorRole: string;
  visibility: EventVisibility;
  payload: EventPayload;
  createdAt: Date;
  applicantAccountId: string;
  businessId: string | null;
  directorateCode: string;
  serviceCode: string;
  reference: string | null;
  submitted: boolean;
}

/** The columns of a LiveEvent, for `SELECT ${LIVE_EVENT_COLUMNS} FROM request_events e JOIN requests r …`. */
export const LIVE_EVENT_COLUMNS = `e.id::text AS id, e.request_id AS "requestId", e.type, e.from_status AS "fromStatus",
  e.to_status AS "toStatus", e.actor_id AS "actorId", e.actor_role AS "actorRole", e.visibility, e.payload,
  e.created_at AS "createdAt", r.applicant_account_id AS "applicantAccountId", r.business_id AS "businessId",
  r.directorate_code AS "directorateCode", r.service_code AS "serviceCode", r.reference,
  (r.submitted_at IS NOT NULL) AS submitted`;
