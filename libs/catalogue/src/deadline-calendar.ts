import { assertNever } from '@portal/common';

// Pacific/Noumea is UTC+11 and has had no daylight saving since 1997 (tz database), so a fixed offset
// is exact for every file this portal handles and does not depend on the ICU data shipped with Node.
export const NOUMEA_UTC_OFFSET_MS = 11 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;
// Guards loops against a misconfigured rule (10 000 working days is about 40 years).
const MAX_WORKING_DAYS = 10_000;

/** A calendar day in Noumea, independent of any instant. `month` is 1–12. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface PublicHoliday {
  readonly date: LocalDate;
  readonly name: string;
}

export type DeadlineOutcome = 'implicit_rejection' | 'implicit_approval' | 'none';
export type DeadlineUnit = 'months' | 'working_days' | 'days' | 'minutes';

export interface DeadlineRule {
  readonly outcome: DeadlineOutcome;
  readonly duration: { readonly unit: DeadlineUnit; readonly value: number };
  readonly suspendedWhileAwaitingApplicant: boolean;
}

/** Silence of the province for 2 months is an implicit rejection (CE, 5 Feb 2014, n° 358810). */
export const DEFAULT_DEADLINE_RULE: DeadlineRule = Object.freeze({
  outcome: 'implicit_rejection',
  duration: Object.freeze({ unit: 'months', value: 2 }),
  suspendedWhileAwaitingApplicant: true,
});

// ---------------------------------------------------------------------------------------------
// Local dates

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMidnight(year, month + 1, 0)).getUTCDate();
}

export function isValidLocalDate(d: unknown): d is LocalDate {
  if (typeof d !== 'object' || d === null) return false;
  const { year, month, day } = d as Record<string, unknown>;
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    (year as number) >= 1 &&
    (year as number) <= 9999 &&
    (month as number) >= 1 &&
    (month as number) <= 12 &&
    (day as number) >= 1 &&
    (day as number) <= daysInMonth(year as number, month as number)
  );
}

/** Strict `YYYY-MM-DD` that exists on the calendar (no 2025-02-29). */
export function isValidIsoDate(s: string): boolean {
  return tryParseLocalDate(s) !== null;
}

export function parseLocalDate(s: string): LocalDate {
  const d = tryParseLocalDate(s);
  if (!d) throw new RangeError(`Invalid local date: ${JSON.stringify(s)}`);
  return d;
}

export function formatLocalDate(d: LocalDate): string {
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** The Noumea calendar day on which an instant falls. */
export function toNoumeaLocalDate(instant: Date): LocalDate {
  assertValidInstant(instant, 'instant');
  const shifted = new Date(instant.getTime() + NOUMEA_UTC_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** 23:59:59.999 Noumea time on that day: a deadline "on day D" is still met at any moment of D. */
export function endOfNoumeaDay(d: LocalDate): Date {
  const local = asLocalDate(d);
  return new Date(utcMidnight(local.year, local.month, local.day) + DAY_MS - 1 - NOUMEA_UTC_OFFSET_MS);
}

/** French `dd/mm/yyyy` of the Noumea day an instant falls on. */
export function formatNoumeaDate(date: Date): string {
  const d = toNoumeaLocalDate(date);
  return `${pad(d.day, 2)}/${pad(d.month, 2)}/${pad(d.year, 4)}`;
}

// ---------------------------------------------------------------------------------------------
// Holidays

/** Easter Sunday, anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`Unsupported year: ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

const holidayCache = new Map<number, readonly PublicHoliday[]>();

/** New Caledonia's public holidays of a year, in date order, with their French names. */
export function publicHolidays(year: number): readonly PublicHoliday[] {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  // Frozen all the way down: the cached list is shared by every caller.
  const holiday = (date: LocalDate, name: string): PublicHoliday => Object.freeze({ date: Object.freeze(date), name });
  const fixed = (month: number, day: number, name: string): PublicHoliday => holiday({ year, month, day }, name);
  const fromEaster = (offset: number, name: string): PublicHoliday => holiday(addDays(easter, offset), name);
  const list = Object.freeze(
    [
      fixed(1, 1, "Jour de l'an"),
      fromEaster(1, 'Lundi de Pâques'),
      fixed(5, 1, 'Fête du travail'),
      fixed(5, 8, 'Victoire 1945'),
      fromEaster(39, 'Ascension'),
      fromEaster(50, 'Lundi de Pentecôte'),
      fixed(7, 14, 'Fête nationale'),
      fixed(8, 15, 'Assomption'),
      fixed(9, 24, 'Fête de la citoyenneté'),
      fixed(11, 1, 'Toussaint'),
      fixed(11, 11, 'Armistice 1918'),
      fixed(12, 25, 'Noël'),
    ].sort((x, y) => dayNumber(x.date) - dayNumber(y.date)),
  );
  holidayCache.set(year, list);
  return list;
}

export function isPublicHoliday(localDate: LocalDate | string): boolean {
  const d = asLocalDate(localDate);
  return publicHolidays(d.year).some((h) => h.date.month === d.month && h.date.day === d.day);
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(localDate: LocalDate | string): boolean {
  const d = asLocalDate(localDate);
  const weekday = new Date(utcMidnight(d.year, d.month, d.day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(d);
}

// ---------------------------------------------------------------------------------------------
// Deadlines. Every calendar rule counts from the Noumea day of the instant (that day itself not
// counted) and returns the END of the landing day, 23:59:59.999 Noumea. No roll-forward when the
// landing day is a weekend or holiday: an implicit decision is born on its calendar date.

/**
 * Same day-of-month `months` later (French rule, art. 641 CPC); when that month is shorter, its
 * last day: 31 Jan + 1 → 28/29 Feb, 29 Feb 2024 + 12 → 28 Feb 2025.
 */
export function addCalendarMonths(instant: Date, months: number): Date {
  assertCount(months, 'months');
  const start = toNoumeaLocalDate(instant);
  const index = start.year * 12 + (start.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return endOfNoumeaDay({ year, month, day: Math.min(start.day, daysInMonth(year, month)) });
}

export function addCalendarDays(instant: Date, days: number): Date {
  assertCount(days, 'days');
  return endOfNoumeaDay(addDays(toNoumeaLocalDate(instant), days));
}

/** The n-th working day after the submission day; n = 0 is the end of the submission day itself. */
export function addWorkingDays(instant: Date, n: number): Date {
  assertCount(n, 'working days');
  if (n > MAX_WORKING_DAYS) throw new RangeError(`Too many working days: ${n}`);
  let date = toNoumeaLocalDate(instant);
  for (let left = n; left > 0; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) left -= 1;
  }
  return endOfNoumeaDay(date);
}

export function isValidDeadlineRule(rule: unknown): rule is DeadlineRule {
  if (typeof rule !== 'object' || rule === null) return false;
  const { outcome, duration, suspendedWhileAwaitingApplicant } = rule as Record<string, unknown>;
  if (outcome !== 'implicit_rejection' && outcome !== 'implicit_approval' && outcome !== 'none') return false;
  if (typeof suspendedWhileAwaitingApplicant !== 'boolean') return false;
  if (typeof duration !== 'object' || duration === null) return false;
  const { unit, value } = duration as Record<string, unknown>;
  const units: readonly unknown[] = ['months', 'working_days', 'days', 'minutes'];
  return units.includes(unit) && Number.isSafeInteger(value) && (value as number) >= 0;
}

/**
 * When the decision is due, or null when the service has no deadline. Time spent awaiting the
 * applicant (if the rule suspends) moves the start forward by exactly that much — as if the file had
 * been submitted later — and the rule is then applied, so calendar units still end on a Noumea day.
 */
export function computeDueDate(submittedAt: Date, rule: DeadlineRule, suspendedMs = 0): Date | null {
  assertValidInstant(submittedAt, 'submittedAt');
  if (!isValidDeadlineRule(rule)) throw new RangeError(`Invalid deadline rule: ${JSON.stringify(rule)}`);
  if (!Number.isFinite(suspendedMs) || suspendedMs < 0) throw new RangeError(`Invalid suspendedMs: ${suspendedMs}`);
  if (rule.outcome === 'none') return null;
  const start = new Date(submittedAt.getTime() + (rule.suspendedWhileAwaitingApplicant ? suspendedMs : 0));
  const { unit, value } = rule.duration;
  switch (unit) {
    case 'months':
      return addCalendarMonths(start, value);
    case 'working_days':
      return addWorkingDays(start, value);
    case 'days':
      return addCalendarDays(start, value);
    case 'minutes':
      // Exact, no end-of-day: this unit exists so tests and demos can watch a deadline fire.
      return checkedInstant(start.getTime() + value * 60_000);
    default:
      return assertNever(unit);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

// Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
function utcMidnight(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function dayNumber(d: LocalDate): number {
  return utcMidnight(d.year, d.month, d.day) / DAY_MS;
}

function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(utcMidnight(d.year, d.month, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function tryParseLocalDate(s: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return null;
  const d = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidLocalDate(d) ? d : null;
}

function asLocalDate(d: LocalDate | string): LocalDate {
  if (typeof d === 'string') return parseLocalDate(d);
  if (!isValidLocalDate(d)) throw new RangeError(`Invalid local date: ${JSON.stringify(d)}`);
  return d;
}

function assertValidInstant(instant: Date, name: string): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError(`Invalid ${name}`);
}

function assertCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Invalid number of ${name}: ${n}`);
}

function checkedInstant(ms: number): Date {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) throw new RangeError('Due date out of range');
  return d;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
