import { InvalidRidetError } from './invalid-ridet.error';

const RID_LENGTH = 7;
const RIDET_LENGTH = 10;
// Separators people type or paste: spaces (including the non-breaking ones French formatting
// inserts), tabs, and dots as in `0.122.531.001`. Nothing else is silently dropped.
const SEPARATORS = /[\s.]/g;
const DIGITS_ONLY = /^[0-9]*$/;

/**
 * A New Caledonian company number: the RID (7 digits), optionally followed by an establishment
 * rank (3 digits, from 001) to form a RIDET of 10 digits. Immutable; compare with `equals`.
 *
 * Only the format is checked here (no public check digit exists); whether the number exists
 * is the business registry's answer.
 */
export class Ridet {
  private constructor(
    /** The 7-digit company number, left-padded with zeros. */
    readonly rid: string,
    /** The 3-digit establishment rank, or null when only the company (RID) was given. */
    readonly rank: string | null,
  ) {
    Object.freeze(this);
  }

  /**
   * Reads a RID or RIDET as people write it. After removing spaces and dots, 1–7 digits are a
   * RID and 8–10 digits a RIDET, left-padded with zeros (leading zeros are often dropped by
   * spreadsheets). Throws InvalidRidetError otherwise.
   */
  static parse(input: string): Ridet {
    // Guarded at runtime too: inputs come from JSON bodies and spreadsheets, not only from typed code.
    if (typeof input !== 'string') throw new InvalidRidetError('not_a_string');
    const digits = input.replace(SEPARATORS, '');
    if (digits === '') throw new InvalidRidetError('empty');
    if (!DIGITS_ONLY.test(digits)) throw new InvalidRidetError('invalid_character');
    if (digits.length > RIDET_LENGTH) throw new InvalidRidetError('too_long');

    const padded = digits.padStart(digits.length <= RID_LENGTH ? RID_LENGTH : RIDET_LENGTH, '0');
    const rid = padded.slice(0, RID_LENGTH);
    const rank = padded.length === RIDET_LENGTH ? padded.slice(RID_LENGTH) : null;
    if (/^0+$/.test(rid)) throw new InvalidRidetError('zero_rid');
    if (rank === '000') throw new InvalidRidetError('invalid_rank');
    return new Ridet(rid, rank);
  }

  /** Like `parse`, for callers that only need to know whether the input is usable. */
  static tryParse(input: string): Ridet | null {
    try {
      return Ridet.parse(input);
    } catch (error) {
      if (error instanceof InvalidRidetError) return null;
      throw error;
    }
  }

  /** True when a rank designates one establishment, false for a RID alone. */
  get isEstablishment(): boolean {
    return this.rank !== null;
  }

  /** Digits only: 10 for a RIDET, 7 for a RID alone. The form to store and to send to APIs. */
  get value(): string {
    return this.rid + (this.rank ?? '');
  }

  /** The company alone, e.g. to find every establishment of the business. */
  toRid(): Ridet {
    return this.rank === null ? this : new Ridet(this.rid, null);
  }

  /** One establishment of this company; `rank` is 1–999. */
  withRank(rank: number): Ridet {
    if (!Number.isInteger(rank) || rank < 1 || rank > 999) throw new InvalidRidetError('invalid_rank');
    return new Ridet(this.rid, String(rank).padStart(3, '0'));
  }

  /** The written form: `0 122 531 001`, or `0 122 531` for a RID alone. */
  format(): string {
    const rid = `${this.rid[0]} ${this.rid.slice(1, 4)} ${this.rid.slice(4)}`;
    return this.rank === null ? rid : `${rid} ${this.rank}`;
  }

  equals(other: Ridet | null | undefined): boolean {
    return other instanceof Ridet && other.rid === this.rid && other.rank === this.rank;
  }

  toString(): string {
    return this.format();
  }

  /** Serialised as digits so JSON payloads and database columns carry one canonical form. */
  toJSON(): string {
    return this.value;
  }
}
