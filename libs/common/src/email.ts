import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, ValidateBy } from 'class-validator';

/**
 * The one rule for the email addresses accounts are known by (sign-up, sign-in, forgotten password,
 * staff, invitations): two addresses a person cannot tell apart must not become two accounts.
 */

// Invisible or direction-changing characters (zero-width space/joiner/non-joiner, BOM, soft hyphen,
// LRM/RLM, embeddings and isolates, variation selectors, tags…), controls and spaces of any kind.
const INVISIBLE = /[\p{C}\p{Z}\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/u;

// Scripts a letter is checked against; a letter of none of them counts as a script of its own.
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
];
// Japanese is written in three scripts at once.
const JAPANESE = new Set(['Han', 'Hiragana', 'Katakana']);

export const EMAIL_INVISIBLE_MESSAGE = "L'adresse électronique contient un caractère invisible ou de mise en forme : saisissez-la à nouveau.";
export const EMAIL_MIXED_SCRIPTS_MESSAGE =
  "L'adresse électronique mélange des alphabets (latin, cyrillique, grec…) dans une même partie : saisissez-la à nouveau.";

/** Leading and trailing ASCII blanks removed (not `trim()`, which would also hide a BOM), NFC, lower case. */
export function normaliseEmail(email: string): string {
  return email.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '').normalize('NFC').toLowerCase();
}

export function hasInvisibleCharacters(email: string): boolean {
  return INVISIBLE.test(email);
}

function scriptOf(letter: string): string {
  return SCRIPTS.find(([, pattern]) => pattern.test(letter))?.[0] ?? `other:${letter}`;
}

/** Whether a dot-separated label of the local part or the domain mixes scripts (digits, `-`, marks count for none). */
export function mixesScripts(email: string): boolean {
  return email.split(/[.@]/).some((label) => {
    const scripts = new Set(Array.from(label.matchAll(/\p{L}/gu), ([letter]) => scriptOf(letter)));
    if (scripts.size <= 1) return false;
    return ![...scripts].every((script) => JAPANESE.has(script));
  });
}

/**
 * An account's email in a DTO: normalised (NFC, lower case), a valid address, at most 254
 * characters, without invisible characters, and no label mixing scripts. Errors are the usual
 * 400 VALIDATION_FAILED with a French message on the field.
 */
export function IsAccountEmail(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseEmail(value) : value)),
    IsString({ message: "L'adresse électronique n'est pas valide." }),
    ValidateBy({ name: 'invisibleCharacters', validator: { validate: (v: unknown) => typeof v === 'string' && !hasInvisibleCharacters(v), defaultMessage: () => EMAIL_INVISIBLE_MESSAGE } }),
    IsEmail({}, { message: "L'adresse électronique n'est pas valide." }),
    MaxLength(254, { message: "L'adresse électronique est trop longue (254 caractères au plus)." }),
    ValidateBy({ name: 'mixedScripts', validator: { validate: (v: unknown) => typeof v === 'string' && !mixesScripts(v), defaultMessage: () => EMAIL_MIXED_SCRIPTS_MESSAGE } }),
  );
}
