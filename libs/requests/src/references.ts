import { toNoumeaLocalDate } from '@portal/catalogue';
import { EntityManager } from 'typeorm';

/**
 * The next human reference of the year (Nouméa time): PS-2026-000123. The counter row is locked
 * until the submitting transaction commits, so numbers are sequential without gaps; call it last.
 */
export async function nextReference(manager: EntityManager, at: Date): Promise<string> {
  const { year } = toNoumeaLocalDate(at);
  const [row] = (await manager.query(
    `INSERT INTO reference_counters (year, last_number) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_number = reference_counters.last_number + 1
     RETURNING last_number`,
    [year],
  )) as Array<{ last_number: number }>;
  return `PS-${year}-${String(row.last_number).padStart(6, '0')}`;
}
