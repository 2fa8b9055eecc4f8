/**
 * Every PostgreSQL advisory-lock key the portal takes, in one place so two uses cannot collide.
 * The audit chain's key is also written in SQL by migration AuditChainAndAppRole (its trigger).
 */
export const ADVISORY_LOCKS = {
  /** One sweeper at a time across every worker; session-level, on a dedicated connection. */
  sweep: 720_001,
  /** Serialises appends to the hash-chained audit log; transaction-level, taken by a trigger. */
  auditChain: 720_002,
  /** The outbox relay's claim (exclusive) against senders that must see it done (shared); transaction-level. */
  outboxRelay: 720_003,
} as const;
