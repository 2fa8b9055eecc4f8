// The results table: printed, and kept in docs/RELIABILITY.md between two markers.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Row } from './rig';
import { CHAOS } from './settings';

const DOC = join(resolve(__dirname, '..', '..', '..'), 'docs', 'RELIABILITY.md');
const START = '<!-- chaos-results:start -->';
const END = '<!-- chaos-results:end -->';
const COLUMNS: Array<keyof Row> = ['scenario', 'submitted', 'acknowledged', 'stored', 'processed', 'duplicates', 'lost'];

export function formatTable(rows: Row[]): string {
  const cells = [COLUMNS.map(String), COLUMNS.map((c) => (c === 'scenario' ? '---' : '---:')), ...rows.map((r) => COLUMNS.map((c) => String(r[c])))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  return cells
    .map((line, n) => `| ${line.map((cell, i) => (n === 1 ? cell.padStart(widths[i], '-') : i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`)
    .join('\n');
}

/** Replaces the results section of docs/RELIABILITY.md: the command, the date, the table and notes. */
export function recordResults(rows: Row[], notes: string[]): void {
  if (!existsSync(DOC)) return;
  const doc = readFileSync(DOC, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) return;
  const settings = `faults of ${CHAOS.faultMs / 1000} s, ${CHAOS.clients} clients, API request timeout ${CHAOS.requestTimeoutMs / 1000} s`;
  const section = [
    START,
    `\`npm run test:chaos\` on ${new Date().toISOString().slice(0, 10)} (${settings}):`,
    '',
    formatTable(rows),
    '',
    'HTTP answers the clients got (every call, retries and logins included):',
    '',
    ...notes,
    END,
  ].join('\n');
  writeFileSync(DOC, doc.slice(0, from) + section + doc.slice(to + END.length));
}
