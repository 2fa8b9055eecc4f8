import { assertNever } from '@portal/common';
import type { DeadlineRule, DeadlineUnit } from './deadline-calendar';
import { groupThousands } from './french-format';

/**
 * What the applicant reads about the decision deadline of a service, e.g. « Sans réponse dans un
 * délai de 2 mois, la demande est réputée rejetée. »
 */
export function describeDeadline(rule: DeadlineRule): string {
  const { outcome, duration, suspendedWhileAwaitingApplicant } = rule;
  if (outcome === 'none') return "Aucun délai de décision n'est fixé pour cette démarche.";
  const within = `Sans réponse dans un délai de ${describeDuration(duration.unit, duration.value)}`;
  const sentence = (() => {
    switch (outcome) {
      case 'implicit_rejection':
        return `${within}, la demande est réputée rejetée.`;
      case 'implicit_approval':
        return `${within}, la demande est réputée acceptée.`;
      default:
        return assertNever(outcome);
    }
  })();
  return suspendedWhileAwaitingApplicant ? `${sentence} Ce délai est suspendu tant qu'un complément vous est demandé.` : sentence;
}

/** `2 mois`, `15 jours ouvrés`, `1 jour`: French puts 0 and 1 in the singular. */
export function describeDuration(unit: DeadlineUnit, value: number): string {
  const plural = value >= 2;
  const n = groupThousands(value);
  switch (unit) {
    case 'months':
      return `${n}\u00a0mois`;
    case 'working_days':
      return plural ? `${n}\u00a0jours ouvrés` : `${n}\u00a0jour ouvré`;
    case 'days':
      return plural ? `${n}\u00a0jours` : `${n}\u00a0jour`;
    case 'minutes':
      return plural ? `${n}\u00a0minutes` : `${n}\u00a0minute`;
    default:
      return assertNever(unit);
  }
}
