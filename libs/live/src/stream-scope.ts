import { scopeCovers } from '@portal/businesses';
import type { LiveEvent } from './live-event';

/** What one stream follows. */
export type StreamScope =
  | { kind: 'me'; accountId: string }
  | { kind: 'request'; accountId: string; requestId: string }
  /** directorateCode null: an admin, every directorate. */
  | { kind: 'agent'; accountId: string; directorateCode: string | null };

export interface LiveMandate {
  accountId: string;
  businessId: string;
  scopeDirectorates: string[] | null;
  scopeServices: string[] | null;
}

/** Whether an account may read an event's file from the applicant's side (same rule as the REST routes). */
function readsAsApplicant(accountId: string, event: LiveEvent, mandates: readonly LiveMandate[]): boolean {
  if (!event.businessId) return event.applicantAccountId === accountId;
  return mandates.some(
    (m) => m.accountId === accountId && m.businessId === event.businessId && scopeCovers(m, event.directorateCode, event.serviceCode),
  );
}

/** Whether a stream receives an event. Internal events (notes, assignments) only reach agents. */
export function streamReceives(scope: StreamScope, event: LiveEvent, mandates: readonly LiveMandate[]): boolean {
  switch (scope.kind) {
    case 'me':
      return event.visibility === 'applicant' && readsAsApplicant(scope.accountId, event, mandates);
    case 'request':
      return event.requestId === scope.requestId && event.visibility === 'applicant' && readsAsApplicant(scope.accountId, event, mandates);
    case 'agent':
      return event.submitted && (scope.directorateCode === null || scope.directorateCode === event.directorateCode);
  }
}
