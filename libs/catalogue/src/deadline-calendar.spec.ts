import fc from 'fast-check';
import {
  DEFAULT_DEADLINE_RULE,
  DeadlineRule,
  addCalendarDays,
  addCalendarMonths,
  addWorkingDays,
  computeDueDate,
  daysInMonth,
  easterSunday,
  endOfNoumeaDay,
  formatLocalDate,
  formatNoumeaDate,
  isPublicHoliday,
  isValidDeadlineRule,
  isValidIsoDate,
  isWorkingDay,
  parseLocalDate,
  publicHolidays,
  toNoumeaLocalDate,
} from './deadline-calendar';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An instant given as Noumea wall-clock time, e.g. noumea('2025-01-31T10:00'). */
function noumea(local: string): Date {
  return new Date(`${local}:00.000+11:00`);
}

/** The instant a deadline landing on that Noumea day must equal. */
function endOf(localDate: string): string {
  return new Date(`${localDate}T23:59:59.999+11:00`).toISOString();
}

const rule = (unit: DeadlineRule['duration']['unit'], value: number, suspended = true): DeadlineRule => ({
  outcome: 'implicit_rejection',
  duration: { unit, value },
  suspendedWhileAwaitingApplicant: suspended,
});

describe('Noumea local time', () => {
  it('is UTC+11: 23:30 UTC is already the next day in Noumea', () => {
    const instant = new Date('2025-05-31T23:30:00Z');
    expect(toNoumeaLocalDate(instant)).toEqual({ year: 2025, month: 6, day: 1 });
    expect(formatNoumeaDate(instant)).toBe('01/06/2025');
  });

  it('changes day at 13:00 UTC', () => {
    expect(formatNoumeaDate(new Date('2026-04-05T12:59:59.999Z'))).toBe('05/04/2026');
    expect(formatNoumeaDate(new Date('2026-04-05T13:00:00.000Z'))).toBe('06/04/2026');
  });

  it('ends a local day at 23:59:59.999 Noumea, i.e. 12:59:59.999 UTC', () => {
    expect(endOfNoumeaDay(parseLocalDate('2026-03-15')).toISOString()).toBe('2026-03-15T12:59:59.999Z');
  });

  it('formats with zero padding', () => {
    expect(formatNoumeaDate(noumea('2027-01-02T08:00'))).toBe('02/01/2027');
  });

  it('agrees with the tz database (Intl) on the Noumea date, which proves the fixed offset', () => {
    const intl = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Pacific/Noumea', day: '2-digit', month: '2-digit', year: 'numeric' });
    fc.assert(
      fc.property(fc.date({ min: new Date('1998-01-01Z'), max: new Date('2100-01-01Z'), noInvalidDate: true }), (d) => {
        expect(formatNoumeaDate(d)).toBe(intl.format(d));
      }),
    );
  });

  it('round-trips local date → end of day → local date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01Z'), max: new Date('2200-01-01Z'), noInvalidDate: true }), (d) => {
        const local = toNoumeaLocalDate(d);
        const end = endOfNoumeaDay(local);
        expect(toNoumeaLocalDate(end)).toEqual(local);
        expect(toNoumeaLocalDate(new Date(end.getTime() + 1))).not.toEqual(local);
        expect(end.getTime()).toBeGreaterThanOrEqual(d.getTime());
      }),
    );
  });

  it('rejects invalid dates', () => {
    expect(() => formatNoumeaDate(new Date('nope'))).toThrow(RangeError);
    expect(() => parseLocalDate('2025-02-29')).toThrow(RangeError);
    expect(() => endOfNoumeaDay({ year: 2025, month: 13, day: 1 })).toThrow(RangeError);
  });
});

describe('local dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2025-04-31', false],
    ['2025-12-31', true],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-1-01', false],
    ['25-01-01', false],
    ['2025-01-01T00:00', false],
    [' 2025-01-01', false],
    ['', false],
  ])('isValidIsoDate(%p) is %p', (s, expected) => {
    expect(isValidIsoDate(s)).toBe(expected);
  });

  it('counts days in months, leap years included', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('formats years below 100 without the Date.UTC 19xx trap', () => {
    expect(formatLocalDate({ year: 50, month: 3, day: 1 })).toBe('0050-03-01');
    expect(daysInMonth(4, 2)).toBe(29);
  });
});

describe('Easter and public holidays', () => {
  it.each([
    [2000, '2000-04-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [1818, '1818-03-22'],
    [2285, '2285-03-22'],
  ])('Easter %i is %s', (year, date) => {
    expect(formatLocalDate(easterSunday(year))).toBe(date);
  });

  it.each([
    [2025, ['01-01', '04-21', '05-01', '05-08', '05-29', '06-09', '07-14', '08-15', '09-24', '11-01', '11-11', '12-25']],
    [2026, ['01-01', '04-06', '05-01', '05-08', '05-14', '05-25', '07-14', '08-15', '09-24', '11-01', '11-11', '12-25']],
    [2027, ['01-01', '03-29', '05-01', '05-06', '05-08', '05-17', '07-14', '08-15', '09-24', '11-01', '11-11', '12-25']],
  ])('lists the 12 holidays of %i in date order', (year, days) => {
    expect(publicHolidays(year).map((h) => formatLocalDate(h.date))).toEqual(days.map((d) => `${year}-${d}`));
  });

  it('names the Easter-based holidays', () => {
    const names = Object.fromEntries(publicHolidays(2026).map((h) => [formatLocalDate(h.date), h.name]));
    expect(names['2026-04-06']).toBe('Lundi de Pâques');
    expect(names['2026-05-14']).toBe('Ascension');
    expect(names['2026-05-25']).toBe('Lundi de Pentecôte');
    expect(names['2026-09-24']).toBe('Fête de la citoyenneté');
  });

  it('gives each caller a list it cannot corrupt', () => {
    const list = publicHolidays(2030);
    expect(Object.isFrozen(list)).toBe(true);
    expect(Object.isFrozen(list[0].date)).toBe(true);
  });

  it.each([
    '2025-01-01',
    '2025-04-21',
    '2025-05-29',
    '2025-06-09',
    '2026-04-06',
    '2026-05-14',
    '2026-05-25',
    '2027-03-29',
    '2027-05-06',
    '2027-05-17',
    '2025-09-24',
    '2026-09-24',
    '2026-07-14',
    '2026-08-15',
    '2026-11-01',
    '2026-11-11',
    '2026-12-25',
    '2026-05-01',
    '2026-05-08',
    '2008-05-01', // Ascension fell on 1 May
  ])('%s is a public holiday', (d) => {
    expect(isPublicHoliday(d)).toBe(true);
    expect(isWorkingDay(d)).toBe(false);
  });

  it.each([
    '2026-04-03', // Good Friday: Alsace-Moselle only, not New Caledonia
    '2026-04-05', // Easter Sunday is not listed (it is a Sunday anyway)
    '2026-05-24', // Whit Sunday
    '2026-12-24',
    '2026-12-26', // St Stephen's day: Alsace-Moselle only
    '2026-01-02',
    '2026-09-23',
  ])('%s is not a public holiday', (d) => {
    expect(isPublicHoliday(d)).toBe(false);
  });

  it('accepts a LocalDate object as well as a string', () => {
    expect(isPublicHoliday({ year: 2026, month: 9, day: 24 })).toBe(true);
    expect(isWorkingDay({ year: 2026, month: 9, day: 25 })).toBe(true);
  });

  it.each([
    ['2026-01-03', false], // Saturday
    ['2026-01-04', false], // Sunday
    ['2026-01-05', true], // Monday
    ['2026-09-24', false], // Thursday, Fête de la citoyenneté
    ['2026-09-25', true],
  ])('isWorkingDay(%s) is %p', (d, expected) => {
    expect(isWorkingDay(d)).toBe(expected);
  });

  it('refuses malformed dates', () => {
    expect(() => isPublicHoliday('2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay({ year: 2026, month: 1, day: 0 })).toThrow(RangeError);
    expect(() => easterSunday(1500)).toThrow(RangeError);
  });
});

describe('addCalendarMonths: same day-of-month, else the last day of the month, end of day', () => {
  it.each([
    ['2025-01-31T10:00', 1, '2025-02-28'],
    ['2024-01-31T10:00', 1, '2024-02-29'], // leap year
    ['2024-02-29T10:00', 12, '2025-02-28'],
    ['2024-02-29T10:00', 48, '2028-02-29'],
    ['2024-02-29T10:00', 1, '2024-03-29'],
    ['2025-10-31T10:00', 1, '2025-11-30'],
    ['2025-11-30T10:00', 2, '2026-01-30'], // over the year end
    ['2025-12-31T10:00', 1, '2026-01-31'],
    ['2025-12-31T10:00', 2, '2026-02-28'],
    ['2025-03-15T00:00', 2, '2025-05-15'],
    ['2025-03-15T23:59', 2, '2025-05-15'],
    ['2025-03-15T10:00', 0, '2025-03-15'],
    ['2025-03-15T10:00', 24, '2027-03-15'],
  ])('%s Noumea + %i months → end of %s', (start, months, due) => {
    expect(addCalendarMonths(noumea(start), months).toISOString()).toBe(endOf(due));
  });

  it('counts from the Noumea day: 31 May 23:30 UTC is 1 June in Noumea', () => {
    expect(addCalendarMonths(new Date('2025-05-31T23:30:00Z'), 2).toISOString()).toBe(endOf('2025-08-01'));
  });

  it('does not roll a weekend or holiday landing day forward', () => {
    // 2026-03-14 is a Saturday, 2026-05-14 Ascension.
    expect(addCalendarMonths(noumea('2026-01-14T09:00'), 2).toISOString()).toBe(endOf('2026-03-14'));
    expect(addCalendarMonths(noumea('2026-03-14T09:00'), 2).toISOString()).toBe(endOf('2026-05-14'));
  });

  it('always lands on the end of a Noumea day, months later, never past the start day-of-month', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01Z'), max: new Date('2090-01-01Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 120 }),
        (start, months) => {
          const due = addCalendarMonths(start, months);
          const from = toNoumeaLocalDate(start);
          const to = toNoumeaLocalDate(due);
          expect(due.getTime()).toBe(endOfNoumeaDay(to).getTime());
          expect(to.year * 12 + to.month - (from.year * 12 + from.month)).toBe(months);
          expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)));
        },
      ),
    );
  });

  it.each([-1, 1.5, NaN, Infinity])('refuses %p months', (m) => {
    expect(() => addCalendarMonths(noumea('2025-01-01T10:00'), m)).toThrow(RangeError);
  });
});

describe('addCalendarDays', () => {
  it('crosses the year end and ignores holidays', () => {
    expect(addCalendarDays(noumea('2025-12-25T10:00'), 10).toISOString()).toBe(endOf('2026-01-04'));
    expect(addCalendarDays(noumea('2024-02-28T10:00'), 1).toISOString()).toBe(endOf('2024-02-29'));
    expect(addCalendarDays(noumea('2025-02-28T10:00'), 1).toISOString()).toBe(endOf('2025-03-01'));
    expect(addCalendarDays(noumea('2025-02-28T10:00'), 0).toISOString()).toBe(endOf('2025-02-28'));
  });
});

describe('addWorkingDays: skips weekends and New Caledonia holidays', () => {
  it.each([
    ['2026-09-17T10:00', 5, '2026-09-25'], // Thu; 24 Sep is skipped
    ['2026-09-23T10:00', 1, '2026-09-25'], // Wed → Thu holiday → Fri
    ['2026-04-02T10:00', 3, '2026-04-08'], // Thu before Easter; Easter Monday skipped
    ['2025-12-31T10:00', 1, '2026-01-02'], // New Year's Day skipped
    ['2025-12-31T10:00', 2, '2026-01-05'], // … then the weekend
    ['2025-12-24T10:00', 1, '2025-12-26'], // Christmas
    ['2026-05-13T10:00', 1, '2026-05-15'], // Ascension
    ['2026-05-22T10:00', 1, '2026-05-26'], // Fri → weekend → Whit Monday → Tue
    ['2026-01-03T10:00', 1, '2026-01-05'], // submitted on a Saturday
    ['2026-01-05T10:00', 5, '2026-01-12'], // one plain week
    ['2026-01-03T10:00', 0, '2026-01-03'], // 0: end of the submission day
  ])('%s Noumea + %i working days → end of %s', (start, n, due) => {
    expect(addWorkingDays(noumea(start), n).toISOString()).toBe(endOf(due));
  });

  it('counts from the Noumea day of a 23:30 UTC submission', () => {
    // 2026-09-22T23:30Z is Wed 23 Sep in Noumea: next working day is Fri 25 (24 is a holiday).
    expect(addWorkingDays(new Date('2026-09-22T23:30:00Z'), 1).toISOString()).toBe(endOf('2026-09-25'));
  });

  it('lands on a working day with exactly n working days after the start day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01Z'), max: new Date('2040-01-01Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 60 }),
        (start, n) => {
          const due = addWorkingDays(start, n);
          expect(isWorkingDay(toNoumeaLocalDate(due))).toBe(true);
          let count = 0;
          for (let t = endOfNoumeaDay(toNoumeaLocalDate(start)).getTime() + DAY; t <= due.getTime(); t += DAY) {
            if (isWorkingDay(toNoumeaLocalDate(new Date(t)))) count += 1;
          }
          expect(count).toBe(n);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses negative, fractional and absurd counts', () => {
    expect(() => addWorkingDays(noumea('2026-01-05T10:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(noumea('2026-01-05T10:00'), 0.5)).toThrow(RangeError);
    expect(() => addWorkingDays(noumea('2026-01-05T10:00'), 1_000_000)).toThrow(RangeError);
  });
});

describe('computeDueDate', () => {
  it('defaults to implicit rejection after 2 months, suspended while awaiting the applicant', () => {
    expect(DEFAULT_DEADLINE_RULE).toEqual({
      outcome: 'implicit_rejection',
      duration: { unit: 'months', value: 2 },
      suspendedWhileAwaitingApplicant: true,
    });
    expect(Object.isFrozen(DEFAULT_DEADLINE_RULE)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DEADLINE_RULE.duration)).toBe(true);
  });

  it('applies the default rule on the Noumea calendar', () => {
    expect(computeDueDate(noumea('2026-01-15T12:00'), DEFAULT_DEADLINE_RULE)?.toISOString()).toBe(endOf('2026-03-15'));
    expect(computeDueDate(noumea('2025-12-31T10:00'), DEFAULT_DEADLINE_RULE)?.toISOString()).toBe(endOf('2026-02-28'));
    expect(computeDueDate(noumea('2023-12-29T10:00'), DEFAULT_DEADLINE_RULE)?.toISOString()).toBe(endOf('2024-02-29'));
  });

  it('submitted at 23:30 UTC on 31 Dec is 1 Jan in Noumea, so due on 1 March', () => {
    const due = computeDueDate(new Date('2025-12-31T23:30:00Z'), DEFAULT_DEADLINE_RULE);
    expect(due?.toISOString()).toBe(endOf('2026-03-01'));
    expect(formatNoumeaDate(due as Date)).toBe('01/03/2026');
  });

  it('returns null when the service has no deadline', () => {
    expect(computeDueDate(noumea('2026-01-15T12:00'), { ...rule('months', 2), outcome: 'none' })).toBeNull();
  });

  it('handles implicit approval exactly like rejection for the date', () => {
    const approval: DeadlineRule = { ...rule('months', 2), outcome: 'implicit_approval' };
    expect(computeDueDate(noumea('2026-01-15T12:00'), approval)?.toISOString()).toBe(endOf('2026-03-15'));
  });

  it('moves the start forward by the suspended time when the rule suspends', () => {
    const start = noumea('2026-01-15T12:00');
    expect(computeDueDate(start, DEFAULT_DEADLINE_RULE, 10 * DAY)?.toISOString()).toBe(endOf('2026-03-25'));
    // 11 h 59 min keeps the same start day; 12 h moves it to 16 Jan.
    expect(computeDueDate(start, DEFAULT_DEADLINE_RULE, 12 * HOUR - 60_000)?.toISOString()).toBe(endOf('2026-03-15'));
    expect(computeDueDate(start, DEFAULT_DEADLINE_RULE, 12 * HOUR)?.toISOString()).toBe(endOf('2026-03-16'));
  });

  it('ignores suspended time when the rule does not suspend', () => {
    expect(computeDueDate(noumea('2026-01-15T12:00'), rule('months', 2, false), 10 * DAY)?.toISOString()).toBe(
      endOf('2026-03-15'),
    );
  });

  it('supports working days, days and minutes', () => {
    expect(computeDueDate(noumea('2026-09-17T10:00'), rule('working_days', 5))?.toISOString()).toBe(endOf('2026-09-25'));
    expect(computeDueDate(noumea('2026-09-17T10:00'), rule('days', 7))?.toISOString()).toBe(endOf('2026-09-24'));
    const submitted = new Date('2026-09-17T01:02:03.004Z');
    expect(computeDueDate(submitted, rule('minutes', 2))?.toISOString()).toBe('2026-09-17T01:04:03.004Z');
    expect(computeDueDate(submitted, rule('minutes', 2), 1000)?.toISOString()).toBe('2026-09-17T01:04:04.004Z');
    expect(computeDueDate(submitted, rule('minutes', 0))?.toISOString()).toBe(submitted.toISOString());
  });

  it('suspension working days: a suspension over a weekend does not consume working days', () => {
    // Thu 10:00 + 4 days suspended → Mon 10:00; + 1 working day → Tue.
    expect(computeDueDate(noumea('2026-01-08T10:00'), rule('working_days', 1), 4 * DAY)?.toISOString()).toBe(
      endOf('2026-01-13'),
    );
  });

  it('never moves earlier when more time is suspended', () => {
    const units = fc.constantFrom<DeadlineRule['duration']['unit']>('months', 'working_days', 'days', 'minutes');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01Z'), max: new Date('2060-01-01Z'), noInvalidDate: true }),
        units,
        fc.integer({ min: 0, max: 40 }),
        fc.nat(90 * DAY),
        fc.nat(90 * DAY),
        (start, unit, value, a, b) => {
          const [less, more] = a <= b ? [a, b] : [b, a];
          const r = rule(unit, value);
          const early = computeDueDate(start, r, less) as Date;
          const late = computeDueDate(start, r, more) as Date;
          expect(late.getTime()).toBeGreaterThanOrEqual(early.getTime());
          expect(early.getTime()).toBeGreaterThanOrEqual(start.getTime());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses invalid input instead of returning a wrong date', () => {
    const start = noumea('2026-01-15T12:00');
    expect(() => computeDueDate(new Date(NaN), DEFAULT_DEADLINE_RULE)).toThrow(RangeError);
    expect(() => computeDueDate(start, DEFAULT_DEADLINE_RULE, -1)).toThrow(RangeError);
    expect(() => computeDueDate(start, DEFAULT_DEADLINE_RULE, NaN)).toThrow(RangeError);
    expect(() => computeDueDate(start, rule('months', -2))).toThrow(RangeError);
    expect(() => computeDueDate(start, rule('days', 1.5))).toThrow(RangeError);
    expect(() => computeDueDate(start, rule('minutes', Number.MAX_SAFE_INTEGER))).toThrow(RangeError);
    expect(() => computeDueDate(start, { ...rule('months', 2), duration: { unit: 'weeks', value: 2 } } as never)).toThrow(
      RangeError,
    );
  });
});

describe('isValidDeadlineRule', () => {
  it('accepts well-formed rules', () => {
    expect(isValidDeadlineRule(DEFAULT_DEADLINE_RULE)).toBe(true);
    expect(isValidDeadlineRule(rule('minutes', 0, false))).toBe(true);
  });

  it.each([
    null,
    'months',
    {},
    { outcome: 'implicit_rejection', duration: { unit: 'months', value: 2 } },
    { outcome: 'silence', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: true },
    { outcome: 'none', duration: null, suspendedWhileAwaitingApplicant: true },
    { outcome: 'none', duration: { unit: 'years', value: 2 }, suspendedWhileAwaitingApplicant: true },
    { outcome: 'none', duration: { unit: 'months', value: '2' }, suspendedWhileAwaitingApplicant: true },
    { outcome: 'none', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: 'yes' },
  ])('refuses %p', (candidate) => {
    expect(isValidDeadlineRule(candidate)).toBe(false);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.anything(), (x) => typeof isValidDeadlineRule(x) === 'boolean'));
  });
});
