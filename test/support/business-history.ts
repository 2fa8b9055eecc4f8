import { BUSINESS_HISTORY_TYPES } from '@portal/businesses';
import type { TestPortal } from './test-portal';

/** Every business-history type a test run wrote that has no label of its own (must be none). */
export async function unlabelledHistoryTypes(portal: TestPortal): Promise<string[]> {
  const rows = (await portal.db.query('SELECT DISTINCT type FROM business_history ORDER BY type')) as Array<{ type: string }>;
  expect(rows.length).toBeGreaterThan(0);
  return rows.map((r) => r.type).filter((type) => !(BUSINESS_HISTORY_TYPES as readonly string[]).includes(type));
}
