import { DomainError } from '@portal/common';
import { decodeCursor, encodeCursor } from './keyset-cursor';

const ID = '7d0c2d1e-1111-4000-8000-000000000001';
const cursor = (value: unknown, id: unknown = ID) => Buffer.from(JSON.stringify([value, id])).toString('base64url');

describe('keyset cursors', () => {
  it('round-trips a position to the microsecond, milliseconds-only cursors included', () => {
    for (const value of ['2026-11-29T08:41:07.512345Z', '2026-11-29T08:41:07.512Z', null]) {
      expect(decodeCursor(encodeCursor({ value, id: ID }))).toEqual({ value, id: ID });
    }
  });

  it('refuses anything PostgreSQL could not read back as the same instant', () => {
    for (const bad of [
      cursor('2020-02-30T00:00:00.000Z'),
      cursor('2026-11-29T08:41:07Z'),
      cursor('2026-11-29T08:41:07.5123Z'),
      cursor('2026-11-29 08:41:07.512345+00'),
      cursor('June 31 2020'),
      cursor(1),
      cursor('2026-11-29T08:41:07.512Z', '------------------------------------'),
      'pas-un-curseur',
    ]) {
      expect(() => decodeCursor(bad)).toThrow(DomainError);
    }
  });
});
