// npm run audit:verify [-- --anchor <id>:<hash>] [--batch <n>] — checks the audit log's hash chain (DATABASE_URL).
// Prints OK with the number of entries and the head (keep it somewhere else: passed back as --anchor
// later, it also catches a chain rewritten or cut after it), or the first broken entry and exits 1.
// Reads one consistent snapshot in batches; any role that may SELECT audit_log will do.
import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { Client } from 'pg';
import { verifyAuditChain } from '../libs/audit/src/audit-chain';
import { validateConfig } from '../libs/config/src/app-config';

const EXIT_BROKEN = 1;
const EXIT_FAILED = 2;

function option(args: string[], name: string, format: RegExp, usage: string): RegExpExecArray | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const match = format.exec(args[at + 1] ?? '');
  if (!match) throw new Error(`${name} takes ${usage}`);
  return match;
}

async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  const args = process.argv.slice(2);
  const anchor = option(args, '--anchor', /^(\d+):([0-9a-f]{64})$/, '<id>:<hash>, as printed by a previous check');
  const batch = option(args, '--batch', /^[1-9]\d{0,5}$/, 'a number of entries (default 5000)');
  const client = new Client({ connectionString: validateConfig(process.env).DATABASE_URL, application_name: 'portal-audit-verify' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await verifyAuditChain(async (sql, params) => (await client.query<Record<string, unknown>>(sql, params)).rows, {
      anchor: anchor && { id: anchor[1], hash: anchor[2] },
      batchSize: batch && Number(batch[0]),
    });
    await client.query('COMMIT');
    if (!result.ok) {
      console.error(`audit log BROKEN at entry ${result.brokenId}: ${result.reason}. ${result.count} entries before it are intact.`);
      return EXIT_BROKEN;
    }
    console.log(`audit log OK: ${result.count} entries${result.head ? `, head ${result.head.id}:${result.head.hash}` : ''}`);
    return 0;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(EXIT_FAILED);
  },
);
