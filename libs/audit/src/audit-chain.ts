import { createHash } from 'node:crypto';

/** The `prev_hash` of the first row. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * The canonical text of an audit row that its hash covers, independent of the session's time zone
 * and date style. The same expression as audit_log_entry_hash() in
 * migrations/1795924381963-AuditChainAndAppRole.ts, which computes the hashes on insert; kept here so
 * the check does not trust code stored in the database it checks.
 */
export const AUDIT_CANONICAL_SQL = `jsonb_build_array(id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor_id, action, target_type, target_id, ip::text, user_agent, details)::text`;

export type SqlQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

export type AuditChainCheck =
  | { ok: true; count: number; head: { id: string; hash: string } | null }
  | { ok: false; count: number; brokenId: string; breach: AuditChainBreach; reason: string };

/** How the chain broke: a link (deleted, inserted, reordered entry), a modified entry, or against the anchor. */
export const AUDIT_CHAIN_BREACHES = ['link', 'content', 'anchor_changed', 'anchor_missing'] as const;
export type AuditChainBreach = (typeof AUDIT_CHAIN_BREACHES)[number];

export interface AuditChainOptions {
  batchSize?: number;
  /** A head recorded earlier (`<id>:<hash>`, printed by a previous check): it must still be there, unchanged. */
  anchor?: { id: string; hash: string };
}

interface ChainRow {
  id: string;
  prev_hash: string;
  hash: string;
  canonical: string;
}

/**
 * Walks the audit log in id order, in batches: each row must name the previous row's hash and hash
 * to sha256(prev_hash + canonical row). A modified row breaks its own hash (or, if rehashed, the
 * next row's link); a deleted, inserted or reordered row breaks a link. Rewriting the whole chain
 * from some row on, or cutting its tail, is caught only against an anchor kept outside the database.
 */
export async function verifyAuditChain(query: SqlQuery, options: AuditChainOptions = {}): Promise<AuditChainCheck> {
  const batchSize = options.batchSize ?? 5000;
  let previous = AUDIT_GENESIS_HASH;
  let lastId = '0';
  let count = 0;
  let anchorSeen = false;
  const broken = (brokenId: string, breach: AuditChainBreach, reason: string): AuditChainCheck => ({ ok: false, count, brokenId, breach, reason });

  for (;;) {
    const rows = (await query(
      `SELECT a.id::text AS id, prev_hash, hash, ${AUDIT_CANONICAL_SQL} AS canonical FROM audit_log a WHERE a.id > $1::bigint ORDER BY a.id LIMIT $2`,
      [lastId, batchSize],
    )) as ChainRow[];
    for (const row of rows) {
      if (row.prev_hash !== previous) return broken(row.id, 'link', 'its prev_hash is not the hash of the entry before it (an entry was deleted, inserted or reordered)');
      if (row.hash !== sha256(previous + row.canonical)) return broken(row.id, 'content', 'its hash does not match its content (the entry was modified)');
      if (options.anchor?.id === row.id) {
        if (options.anchor.hash !== row.hash) return broken(row.id, 'anchor_changed', 'its hash differs from the anchor recorded earlier (the chain was rewritten)');
        anchorSeen = true;
      }
      previous = row.hash;
      lastId = row.id;
      count++;
    }
    if (rows.length < batchSize) break;
  }
  if (options.anchor && !anchorSeen) return broken(options.anchor.id, 'anchor_missing', 'the anchored entry is missing (the chain was cut or rewritten)');
  return { ok: true, count, head: count > 0 ? { id: lastId, hash: previous } : null };
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
