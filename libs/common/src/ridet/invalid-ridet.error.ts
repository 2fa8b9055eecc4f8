import { DomainError } from '../domain-error';

/** Why an input was refused; stable codes a form can key on. */
export type InvalidRidetReason = 'not_a_string' | 'empty' | 'invalid_character' | 'too_long' | 'zero_rid' | 'invalid_rank';

const MESSAGES: Record<InvalidRidetReason, string> = {
  not_a_string: 'Le numéro RIDET doit être saisi sous forme de texte.',
  empty: 'Le numéro RIDET est vide.',
  invalid_character: 'Le numéro RIDET ne peut contenir que des chiffres, des espaces et des points.',
  too_long: 'Le numéro RIDET comporte au plus 10 chiffres (7 pour un numéro RID seul).',
  zero_rid: 'Le numéro RID ne peut pas être composé uniquement de zéros.',
  invalid_rank: "Le rang d'établissement doit être compris entre 001 et 999.",
};

/**
 * A RIDET that does not have the right shape. A DomainError, so an unhandled one reaches the
 * user as a 400 with a French message saying what to fix. The input is not echoed: the
 * message stays short and the error never carries arbitrary user text into logs.
 */
export class InvalidRidetError extends DomainError {
  constructor(readonly reason: InvalidRidetReason) {
    super('VALIDATION_FAILED', MESSAGES[reason], [{ field: 'ridet', code: `ridet.${reason}`, message: MESSAGES[reason] }]);
    this.name = 'InvalidRidetError';
  }
}
