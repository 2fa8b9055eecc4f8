import { isRequestStatus, STATUS_LABELS_FR } from '../../libs/requests/src/domain/request-workflow';

/** The data of an event frame (a TimelineEventDto plus its file), as far as the demo reads it. */
export interface EventData {
  id: string;
  type: string;
  label: string;
  toStatus: string | null;
  requestId: string;
  reference: string | null;
  details: Record<string, unknown>;
}

/** The data of a notification frame. */
export interface NotificationData {
  requestId: string | null;
  eventId: string | null;
  title: string;
}

const number = new Intl.NumberFormat('fr-FR');
const REFERENCE_WIDTH = 14; // PS-2026-000042
const LABEL_WIDTH = 36;

export const formatXpf = (amount: number): string => `${number.format(amount)} F CFP`;

/** `+  212 ms` — the delay between an action and the frame it caused. */
export function formatDelay(ms: number): string {
  return `+${number.format(Math.max(0, Math.round(ms))).padStart(6)} ms`;
}

/** `+  212 ms  PS-2026-000042  Demande de compléments              (en attente de compléments) « … »` */
export function formatEventLine(delayMs: number, data: EventData): string {
  const status = data.toStatus && isRequestStatus(data.toStatus) ? `(${STATUS_LABELS_FR[data.toStatus]})` : '';
  return [formatDelay(delayMs), (data.reference ?? 'brouillon').padEnd(REFERENCE_WIDTH), labelOf(data).padEnd(LABEL_WIDTH), status, detailsOf(data)]
    .join('  ')
    .trimEnd();
}

export function formatNotificationLine(delayMs: number, data: NotificationData): string {
  return `${formatDelay(delayMs)}  ${'✉ notification'.padEnd(REFERENCE_WIDTH)}  « ${data.title} »`;
}

function labelOf(data: EventData): string {
  if (data.type === 'document_added' && typeof data.details.documentType === 'string') return `${data.label} : ${data.details.documentType}`;
  return data.label;
}

function detailsOf(data: EventData): string {
  const d = data.details;
  if (typeof d.grantedAmountXpf === 'number') return `— ${formatXpf(d.grantedAmountXpf)} accordés`;
  if (typeof d.message === 'string' && d.message.trim()) return `« ${shorten(d.message, 70)} »`;
  if (typeof d.reason === 'string' && d.reason.trim()) return `motif : « ${shorten(d.reason, 70)} »`;
  return '';
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
