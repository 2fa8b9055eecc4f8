import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@portal/config';
import { DataSource } from 'typeorm';

// Deleted in batches, so no statement holds many rows; at most this many batches a table per run.
const BATCH = 5_000;
const MAX_BATCHES = 20;

/** What each table keeps: rows matching `expired` (with $1 = the retention interval) go. */
const PURGES = [
  // Unsent rows stay whatever their age: they are work still to do.
  { table: 'outbox_messages', expired: 'sent_at < now() - $1::interval', keep: 'technical' },
  { table: 'sessions', expired: 'coalesce(revoked_at, expires_at) < now() - $1::interval', keep: 'technical' },
  { table: 'account_tokens', expired: 'coalesce(used_at, expires_at) < now() - $1::interval', keep: 'technical' },
  { table: 'idempotency_keys', expired: 'created_at < now() - $1::interval', keep: 'technical' },
  // Pending deliveries stay: they are work still to do.
  { table: 'webhook_deliveries', expired: "status <> 'pending' AND created_at < now() - $1::interval", keep: 'technical' },
  // Normally deleted by their job at once; one whose job died (a dead letter) goes after this.
  { table: 'password_reset_requests', expired: 'created_at < now() - $1::interval', keep: 'technical' },
  { table: 'email_messages', expired: 'created_at < now() - $1::interval', keep: 'email' },
] as const;

export type PurgeCounts = Record<(typeof PURGES)[number]['table'], number>;

/**
 * Storage limitation: rows that served their purpose are deleted after RETENTION_TECHNICAL_DAYS
 * (RETENTION_EMAIL_DAYS for spooled emails, which hold an address, a name and a text). Files,
 * timelines, notifications and the audit log are not touched: they are the record.
 */
@Injectable()
export class Retention {
  private readonly logger = new Logger(Retention.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async purge(): Promise<PurgeCounts> {
    const days = { technical: this.config.RETENTION_TECHNICAL_DAYS, email: this.config.RETENTION_EMAIL_DAYS };
    const counts = {} as PurgeCounts;
    for (const { table, expired, keep } of PURGES) {
      counts[table] = 0;
      for (let batch = 0; batch < MAX_BATCHES; batch++) {
        const [, deleted] = (await this.dataSource.query(
          `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${expired} LIMIT ${BATCH}))`,
          [`${days[keep]} days`],
        )) as [unknown, number];
        counts[table] += deleted;
        if (deleted < BATCH) break;
      }
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (total > 0) this.logger.log(`retention: ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')} deleted`);
    return counts;
  }
}
