import { applyDecorators, ValidationError, ValidationPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO8601, Matches, ValidateIf } from 'class-validator';
import { DomainError } from './domain-error';
import { FieldError } from './error-codes';

// French messages per class-validator constraint. A DTO may still give its own `message`.
const FRENCH: Record<string, string> = {
  whitelistValidation: "Ce champ n'est pas accepté.",
  isDefined: 'Ce champ est obligatoire.',
  isNotEmpty: 'Ce champ est obligatoire.',
  isString: 'Ce champ doit être un texte.',
  isEmail: "L'adresse électronique n'est pas valide.",
  isInt: 'Ce champ doit être un nombre entier.',
  isPositive: 'Ce champ doit être un nombre positif.',
  isBoolean: 'Ce champ doit valoir vrai ou faux.',
  isIn: "Cette valeur n'est pas dans la liste autorisée.",
  isEnum: "Cette valeur n'est pas dans la liste autorisée.",
  isUUID: "L'identifiant n'est pas valide.",
  isDateString: "La date n'est pas valide (format AAAA-MM-JJ attendu).",
  isISO8601: "La date n'est pas valide (format AAAA-MM-JJ attendu).",
  minLength: 'Ce texte est trop court.',
  maxLength: 'Ce texte est trop long.',
  min: 'Cette valeur est trop petite.',
  max: 'Cette valeur est trop grande.',
  matches: "Le format n'est pas valide.",
  isObject: 'Ce champ doit être un objet.',
  isArray: 'Ce champ doit être une liste.',
  nestedValidation: 'Ce champ doit être un objet.',
};

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, english]) => ({
      field,
      code,
      // Custom messages written in French in a DTO are kept; class-validator's English defaults are replaced.
      message: FRENCH[code] ?? (/[éèàçù]|^(Le|La|Ce|Cette|Les|L')\b/.test(english) ? english : 'Valeur invalide.'),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function validationFailed(details: FieldError[]): DomainError {
  return new DomainError('VALIDATION_FAILED', undefined, details);
}

/** Unknown fields are refused, never silently dropped; payloads are transformed into DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}

/** May be left out, but not set to null: for fields whose column always holds a value. */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** A real calendar day written AAAA-MM-JJ (no week or ordinal dates, no 30 February). */
export function IsCalendarDate(message = "La date n'est pas valide (format AAAA-MM-JJ attendu)."): PropertyDecorator {
  return applyDecorators(IsISO8601({ strict: true, strictSeparator: true }, { message }), Matches(/^\d{4}-\d{2}-\d{2}$/, { message }));
}

/** Leading and trailing spaces removed before validation (names, addresses, URLs typed by people). */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
}
