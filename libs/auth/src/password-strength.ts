import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as frenchDictionary, translations as frenchTranslations } from '@zxcvbn-ts/language-fr';

/** zxcvbn scores 0–4; below this a password is refused (3: "safely unguessable", about 10^8 guesses and more). */
export const MIN_PASSWORD_SCORE = 3;

// Words a guesser would try first here, on top of the common and French lists.
const LOCAL_WORDS = [
  'caledonie', 'nouvellecaledonie', 'nouvelle-caledonie', 'kanaky', 'noumea', 'provincesud', 'province', 'portail',
  'dumbea', 'paita', 'montdore', 'lifou', 'mare', 'ouvea', 'koumac', 'bourail', 'cagou', 'niaouli', 'caldoche', 'kanak',
];

const zxcvbn = new ZxcvbnFactory({
  translations: frenchTranslations,
  graphs: adjacencyGraphs,
  dictionary: { ...commonDictionary, ...frenchDictionary, portal: LOCAL_WORDS },
});

export interface PasswordStrength {
  score: number;
  /** French, from zxcvbn's translations; null when it has nothing to say. */
  warning: string | null;
  suggestions: string[];
}

/** Offline estimate (no network): dictionaries, keyboard patterns, repeats, dates, the person's own details. */
export function passwordStrength(password: string, userInputs: string[] = []): PasswordStrength {
  // zxcvbn's cost grows with length; past 100 characters the start decides.
  const result = zxcvbn.check(password.slice(0, 100), userInputs.filter(Boolean));
  return { score: result.score, warning: result.feedback.warning || null, suggestions: result.feedback.suggestions };
}
