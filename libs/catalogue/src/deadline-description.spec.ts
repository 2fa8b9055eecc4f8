import { DEFAULT_DEADLINE_RULE, DeadlineRule } from './deadline-calendar';
import { describeDeadline, describeDuration } from './deadline-description';

const plain = (s: string): string => s.replace(/\u00a0/g, ' ');

describe('describeDeadline', () => {
  it('explains the default rule: implicit rejection after 2 months, suspended while awaiting the applicant', () => {
    expect(plain(describeDeadline(DEFAULT_DEADLINE_RULE))).toBe(
      "Sans réponse dans un délai de 2 mois, la demande est réputée rejetée. Ce délai est suspendu tant qu'un complément vous est demandé.",
    );
  });

  it('keeps the number with its unit on one line', () => {
    expect(describeDeadline(DEFAULT_DEADLINE_RULE)).toContain('2\u00a0mois');
  });

  it.each<[DeadlineRule, string]>([
    [
      { outcome: 'implicit_rejection', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: false },
      'Sans réponse dans un délai de 2 mois, la demande est réputée rejetée.',
    ],
    [
      { outcome: 'implicit_approval', duration: { unit: 'working_days', value: 15 }, suspendedWhileAwaitingApplicant: false },
      'Sans réponse dans un délai de 15 jours ouvrés, la demande est réputée acceptée.',
    ],
    [
      { outcome: 'implicit_rejection', duration: { unit: 'days', value: 1 }, suspendedWhileAwaitingApplicant: false },
      'Sans réponse dans un délai de 1 jour, la demande est réputée rejetée.',
    ],
    [
      { outcome: 'none', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: true },
      "Aucun délai de décision n'est fixé pour cette démarche.",
    ],
  ])('%j → %s', (rule, expected) => {
    expect(plain(describeDeadline(rule))).toBe(expected);
  });
});

describe('describeDuration', () => {
  it.each<[Parameters<typeof describeDuration>[0], number, string]>([
    ['months', 1, '1 mois'],
    ['months', 12, '12 mois'],
    ['working_days', 1, '1 jour ouvré'],
    ['working_days', 10, '10 jours ouvrés'],
    ['days', 0, '0 jour'],
    ['days', 1_095, '1 095 jours'],
    ['minutes', 1, '1 minute'],
    ['minutes', 5, '5 minutes'],
  ])('%s × %i → %s', (unit, value, expected) => {
    expect(plain(describeDuration(unit, value))).toBe(expected);
  });
});
