import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { DomainError } from '@portal/common';
import { MIN_PASSWORD_SCORE, passwordStrength } from './password-strength';

/** OWASP / ASVS floor for argon2id: m = 19 MiB, t = 2, p = 1. */
export const ARGON2_PARAMS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

@Injectable()
export class PasswordService {
  // Verified when the email is unknown, so both paths cost one argon2 verification (no timing oracle).
  private readonly dummyHash = hash(randomUUID(), ARGON2_PARAMS);

  /**
   * No composition rules (ASVS 6.2): a length, then an offline guessability estimate (zxcvbn with the
   * common and French dictionaries, and `userInputs`: the person's own name and email).
   */
  assertAcceptable(password: string, userInputs: string[] = []): void {
    const length = [...password].length;
    if (length < PASSWORD_MIN_LENGTH) {
      throw new DomainError('WEAK_PASSWORD', `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`, [
        { field: 'password', code: 'TOO_SHORT', message: `Au moins ${PASSWORD_MIN_LENGTH} caractères.` },
      ]);
    }
    if (length > PASSWORD_MAX_LENGTH) {
      throw new DomainError('WEAK_PASSWORD', `Le mot de passe ne peut dépasser ${PASSWORD_MAX_LENGTH} caractères.`, [
        { field: 'password', code: 'TOO_LONG', message: `Au plus ${PASSWORD_MAX_LENGTH} caractères.` },
      ]);
    }
    const strength = passwordStrength(password, userInputs);
    if (strength.score < MIN_PASSWORD_SCORE) {
      const hint = strength.warning ? ` ${strength.warning.replace(/\.?$/, '.')}` : '';
      throw new DomainError('WEAK_PASSWORD', `Ce mot de passe est trop facile à deviner.${hint} Choisissez-en un plus long, par exemple une phrase de plusieurs mots.`, [
        { field: 'password', code: 'COMMON_PASSWORD', message: 'Mot de passe trop facile à deviner.' },
      ]);
    }
  }

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_PARAMS);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash ?? (await this.dummyHash), password);
    } catch {
      return false;
    }
  }

  /** True when a stored hash is weaker than today's parameters, so login can upgrade it. */
  needsRehash(passwordHash: string): boolean {
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
    if (!match) return true;
    const [, m, t, p] = match.map(Number);
    return m < ARGON2_PARAMS.memoryCost || t < ARGON2_PARAMS.timeCost || p !== ARGON2_PARAMS.parallelism;
  }
}
