import * as fc from 'fast-check';
import { DomainError } from '../domain-error';
import { InvalidRidetError } from './invalid-ridet.error';
import { Ridet } from './ridet';

const digit = fc.constantFrom(...'0123456789');
const digits = (minLength: number, maxLength: number) => fc.string({ unit: digit, minLength, maxLength });
const nonZeroRid = digits(7, 7).filter((rid) => !/^0+$/.test(rid));
const rank = fc.integer({ min: 1, max: 999 }).map((n) => String(n).padStart(3, '0'));
const anyRidet = fc.oneof(
  nonZeroRid.map((rid) => Ridet.parse(rid)),
  fc.tuple(nonZeroRid, rank).map(([rid, r]) => Ridet.parse(rid + r)),
);
// Spaces (plain, non-breaking, narrow non-breaking), tabs and dots: what people paste.
const separators = fc.string({ unit: fc.constantFrom(' ', '.', '\u00a0', '\u202f', '\t'), maxLength: 3 });

/** Puts a random run of separators before, between and after the digits. */
const sprinkle = (value: string) =>
  fc.array(separators, { minLength: value.length + 1, maxLength: value.length + 1 }).map((seps) =>
    seps.map((sep, i) => sep + (value[i] ?? '')).join(''),
  );

describe('Ridet', () => {
  describe('examples', () => {
    it.each([
      ['0 122 531 001', '0122531', '001'],
      ['0.122.531.001', '0122531', '001'],
      ['0122531001', '0122531', '001'],
      ['122531001', '0122531', '001'],
      ['  1 234 567 002 ', '1234567', '002'],
      ['0 122 531', '0122531', null],
      ['122531', '0122531', null],
      ['1', '0000001', null],
      ['12345678', '0012345', '678'],
    ])('parses %j', (input, rid, rank) => {
      const ridet = Ridet.parse(input);
      expect(ridet.rid).toBe(rid);
      expect(ridet.rank).toBe(rank);
      expect(ridet.isEstablishment).toBe(rank !== null);
      expect(ridet.value).toBe(rid + (rank ?? ''));
    });

    it('formats a RIDET and a RID alone', () => {
      expect(Ridet.parse('122531001').format()).toBe('0 122 531 001');
      expect(Ridet.parse('122531').format()).toBe('0 122 531');
      expect(String(Ridet.parse('1234567001'))).toBe('1 234 567 001');
      expect(JSON.stringify({ ridet: Ridet.parse('1 234 567 001') })).toBe('{"ridet":"1234567001"}');
    });

    it.each([
      ['', 'empty'],
      [' . ', 'empty'],
      ['0 122 531 00A', 'invalid_character'],
      ['0-122-531-001', 'invalid_character'],
      ['+1234567', 'invalid_character'],
      ['١٢٣', 'invalid_character'],
      ['12345678901', 'too_long'],
      ['0000000', 'zero_rid'],
      ['0 000 000 001', 'zero_rid'],
      ['1 234 567 000', 'invalid_rank'],
    ])('refuses %j (%s) with a French message', (input, reason) => {
      const error = captureError(() => Ridet.parse(input));
      expect(error).toBeInstanceOf(InvalidRidetError);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as InvalidRidetError).reason).toBe(reason);
      expect((error as InvalidRidetError).code).toBe('VALIDATION_FAILED');
      expect((error as InvalidRidetError).message).toMatch(/^Le (numéro|rang)/);
      expect(Ridet.tryParse(input)).toBeNull();
    });

    it('refuses a non-string coming from untyped input', () => {
      expect(() => Ridet.parse(1234567001 as unknown as string)).toThrow(InvalidRidetError);
      expect(Ridet.tryParse(null as unknown as string)).toBeNull();
    });

    it('compares by value and moves between RID and establishments', () => {
      const head = Ridet.parse('1 234 567 001');
      expect(head.equals(Ridet.parse('1234567001'))).toBe(true);
      expect(head.equals(Ridet.parse('1234567002'))).toBe(false);
      expect(head.equals(Ridet.parse('1234567'))).toBe(false);
      expect(head.equals(null)).toBe(false);
      expect(head.toRid().equals(Ridet.parse('1234567'))).toBe(true);
      expect(head.toRid().withRank(2).format()).toBe('1 234 567 002');
      expect(() => head.withRank(0)).toThrow(InvalidRidetError);
      expect(() => head.withRank(1000)).toThrow(InvalidRidetError);
    });

    it('is immutable', () => {
      const ridet = Ridet.parse('1234567001');
      expect(() => {
        (ridet as { rank: string | null }).rank = '002';
      }).toThrow(TypeError);
    });
  });

  describe('properties', () => {
    it('parse(format(x)) and parse(value) give x back', () => {
      fc.assert(
        fc.property(anyRidet, (ridet) => {
          expect(Ridet.parse(ridet.format()).equals(ridet)).toBe(true);
          expect(Ridet.parse(ridet.value).equals(ridet)).toBe(true);
          expect(ridet.format()).toMatch(/^\d \d{3} \d{3}( \d{3})?$/);
        }),
      );
    });

    it('never crashes on arbitrary strings: either a Ridet or an InvalidRidetError', () => {
      const input = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('0', '1', '9', ' ', '.', '-', 'a') }));
      fc.assert(
        fc.property(input, (text) => {
          const error = captureError(() => Ridet.parse(text));
          if (error === undefined) expect(Ridet.tryParse(text)).not.toBeNull();
          else expect(error).toBeInstanceOf(InvalidRidetError);
        }),
        { numRuns: 500 },
      );
    });

    it('ignores where spaces and dots are placed', () => {
      fc.assert(
        fc.property(
          anyRidet.chain((ridet) => fc.tuple(fc.constant(ridet), sprinkle(ridet.value))),
          ([ridet, written]) => {
            expect(Ridet.parse(written).equals(ridet)).toBe(true);
          },
        ),
      );
    });

    it('left-pads 1–7 digits to a RID and 8–10 digits to a RIDET', () => {
      fc.assert(
        fc.property(digits(1, 10), (input) => {
          const parsed = Ridet.tryParse(input);
          const padded = input.padStart(input.length <= 7 ? 7 : 10, '0');
          const zeroRid = /^0+$/.test(padded.slice(0, 7));
          const zeroRank = padded.length === 10 && padded.endsWith('000');
          if (zeroRid || zeroRank) {
            expect(parsed).toBeNull();
            return;
          }
          expect(parsed?.value).toBe(padded);
          expect(parsed?.isEstablishment).toBe(input.length > 7);
        }),
      );
    });

    it('refuses more than 10 digits and any character other than digits, spaces and dots', () => {
      fc.assert(
        fc.property(digits(11, 20), (input) => {
          expect(Ridet.tryParse(input)).toBeNull();
        }),
      );
      const stray = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !/[0-9\s.]/.test(c));
      fc.assert(
        fc.property(fc.tuple(nonZeroRid, rank, stray, fc.nat(10)), ([rid, r, c, at]) => {
          const value = rid + r;
          expect(Ridet.tryParse(value.slice(0, at) + c + value.slice(at))).toBeNull();
        }),
      );
    });
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error;
  }
}
