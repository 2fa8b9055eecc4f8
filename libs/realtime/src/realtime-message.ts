/** What instances tell each other after a commit: ids only; PostgreSQL holds the content. */
export type RealtimeMessage =
  | { kind: 'event'; id: string }
  | { kind: 'notification'; id: string; accountId: string };

export const REALTIME_CHANNEL = 'portal_realtime';
