import { assertNever, InvalidRidetError, normaliseCommune, normaliseNcPhone, Ridet } from '@portal/common';
import { isValidIsoDate } from './deadline-calendar';
import { formatXpf, groupThousands, isPlainObject, q } from './french-format';
import { normaliseEmail } from './nc-formats';

// A service's form, as admins publish it (versioned: a submitted request keeps the version it was
// filled against), and the validator that turns what the browser sent into normalised answers.

export const FORM_FIELD_TYPES = [
  'text',
  'long_text',
  'integer',
  'amount_xpf',
  'date',
  'choice',
  'yes_no',
  'email',
  'phone_nc',
  'ridet',
  'commune',
  'document',
] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
}

export interface FormField {
  /** For `document` fields, the key is the document type code the upload must carry. */
  readonly key: string;
  readonly type: FormFieldType;
  readonly label: string;
  readonly required: boolean;
  readonly help?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly options?: readonly ChoiceOption[];
  /** On one `amount_xpf` field at most: the sum the applicant asks for (worklists, aid ceilings, statistics). */
  readonly requestedAmount?: true;
}

export interface FormSchema {
  readonly version: number;
  readonly fields: readonly FormField[];
}

/** Normalised answers: absent optional fields are omitted, documents are never in here. */
export type FormAnswers = Record<string, string | number | boolean>;

export type FormErrorCode =
  | 'REQUIRED'
  | 'INVALID_TYPE'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'TOO_SMALL'
  | 'TOO_LARGE'
  | 'INVALID_FORMAT'
  | 'NOT_IN_LIST'
  | 'UNKNOWN_FIELD';

export interface FormError<C extends string = FormErrorCode> {
  readonly field: string;
  readonly code: C;
  readonly message: string;
}

export type FormValidationResult = { ok: true; value: FormAnswers } | { ok: false; errors: FormError[] };

export interface ValidateFormOptions {
  /** Document type codes already uploaded for this request. Absent means none (fail closed). */
  readonly documentTypes?: ReadonlySet<string>;
  /** Drafts: validate what is there, skip required checks. */
  readonly partial?: boolean;
}

/** The `field` of an error about the whole payload rather than one field. */
export const FORM_ROOT = '$';

// Default ceilings keep a single answer from filling the database; a schema may only lower them.
export const TEXT_MAX_LENGTH = 255;
export const LONG_TEXT_MAX_LENGTH = 10_000;

export function validateFormData(schema: FormSchema, data: unknown, opts: ValidateFormOptions = {}): FormValidationResult {
  if (!isPlainObject(data)) {
    return { ok: false, errors: [{ field: FORM_ROOT, code: 'INVALID_TYPE', message: 'Les réponses au formulaire sont illisibles.' }] };
  }
  const documents = opts.documentTypes ?? new Set<string>();
  const errors: FormError[] = [];
  const answers: Array<[string, string | number | boolean]> = [];

  for (const field of schema.fields) {
    // Own properties only: an inherited 'toString' is not an answer.
    const raw = Object.hasOwn(data, field.key) ? data[field.key] : undefined;
    if (field.type === 'document') {
      if (!isBlank(raw)) errors.push(error(field.key, 'INVALID_TYPE', `La pièce ${q(field.label)} se dépose en pièce jointe, pas dans le formulaire.`));
      else if (field.required && !opts.partial && !documents.has(field.key)) errors.push(error(field.key, 'REQUIRED', `La pièce ${q(field.label)} est obligatoire.`));
      continue;
    }
    if (isBlank(raw)) {
      if (field.required && !opts.partial) errors.push(error(field.key, 'REQUIRED', `Le champ ${q(field.label)} est obligatoire.`));
      continue;
    }
    const parsed = parseField(field, raw);
    if (parsed.ok) answers.push([field.key, parsed.value]);
    else errors.push(error(field.key, parsed.code, parsed.message));
  }

  const known = new Set(schema.fields.map((f) => f.key));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) errors.push(error(key, 'UNKNOWN_FIELD', `Le champ ${q(key)} n'existe pas dans ce formulaire.`));
  }

  // fromEntries defines own properties, so even a '__proto__' key could not reach the prototype.
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: Object.fromEntries(answers) };
}

type Parsed = { ok: true; value: string | number | boolean } | { ok: false; code: FormErrorCode; message: string };

function parseField(field: FormField, raw: unknown): Parsed {
  const label = q(field.label);
  const fail = (code: FormErrorCode, message: string): Parsed => ({ ok: false, code, message });
  const asString = (expected: string, parse: (s: string) => Parsed): Parsed =>
    typeof raw === 'string' ? parse(raw.normalize('NFC').trim()) : fail('INVALID_TYPE', `Le champ ${label} doit être ${expected}.`);
  const orFormat = (value: string | null, message: string): Parsed => (value === null ? fail('INVALID_FORMAT', message) : { ok: true, value });

  switch (field.type) {
    case 'text':
      return asString('un texte', (s) => checkLength(field, s, TEXT_MAX_LENGTH));
    case 'long_text':
      return asString('un texte', (s) => checkLength(field, s, LONG_TEXT_MAX_LENGTH));
    case 'integer':
    case 'amount_xpf':
      return parseWholeNumber(field, raw);
    case 'date':
      return asString('une date', (s) =>
        isValidIsoDate(s) ? { ok: true, value: s } : fail('INVALID_FORMAT', `Le champ ${label} doit être une date valide au format AAAA-MM-JJ.`),
      );
    case 'choice':
      return asString('un choix de la liste', (s) =>
        (field.options ?? []).some((o) => o.value === s)
          ? { ok: true, value: s }
          : fail('NOT_IN_LIST', `La valeur choisie pour ${label} ne fait pas partie des choix proposés.`),
      );
    case 'yes_no':
      return typeof raw === 'boolean' ? { ok: true, value: raw } : fail('INVALID_TYPE', `Le champ ${label} attend la réponse oui ou non.`);
    case 'email':
      return asString('une adresse électronique', (s) => orFormat(normaliseEmail(s), `Le champ ${label} doit être une adresse électronique valide (ex. nom@exemple.nc).`));
    case 'phone_nc':
      return asString('un numéro de téléphone', (s) =>
        orFormat(normaliseNcPhone(s), `Le champ ${label} doit être un numéro calédonien à 6 chiffres (ex. 25.12.34).`),
      );
    case 'ridet':
      // The one RIDET rule of the portal, the same as for linking a business.
      return asString('un numéro RIDET', (s) => {
        try {
          return { ok: true, value: Ridet.parse(s).value };
        } catch (error) {
          if (error instanceof InvalidRidetError) return fail('INVALID_FORMAT', `Le champ ${label} : ${error.message}`);
          throw error;
        }
      });
    case 'commune':
      return asString('une commune', (s) => {
        const commune = normaliseCommune(s);
        return commune ? { ok: true, value: commune } : fail('NOT_IN_LIST', `Le champ ${label} doit être une commune de la province Sud.`);
      });
    case 'document':
      // Handled by the caller: documents are uploaded, not typed in.
      return fail('INVALID_TYPE', `La pièce ${label} se dépose en pièce jointe, pas dans le formulaire.`);
    default:
      return assertNever(field.type);
  }
}

function checkLength(field: FormField, value: string, ceiling: number): Parsed {
  const length = [...value].length; // code points: 'é' or an emoji is one character to the reader
  const max = Math.min(field.maxLength ?? ceiling, ceiling);
  if (field.minLength !== undefined && length < field.minLength) {
    return { ok: false, code: 'TOO_SHORT', message: `Le champ ${q(field.label)} doit contenir au moins ${field.minLength} caractères.` };
  }
  if (length > max) {
    return { ok: false, code: 'TOO_LONG', message: `Le champ ${q(field.label)} doit contenir au plus ${max} caractères.` };
  }
  return { ok: true, value };
}

// Whole numbers from JSON numbers or typed strings ("150 000"), since XPF has no decimals.
function parseWholeNumber(field: FormField, raw: unknown): Parsed {
  const label = q(field.label);
  const isAmount = field.type === 'amount_xpf';
  const formatMessage = isAmount
    ? `Le champ ${label} doit être un montant en francs CFP, sans décimales.`
    : `Le champ ${label} doit être un nombre entier.`;
  let n: number;
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) return { ok: false, code: 'INVALID_FORMAT', message: formatMessage };
    n = raw;
  } else if (typeof raw === 'string') {
    const compact = raw.replace(/\s/g, ''); // \s covers the (narrow) no-break spaces of French grouping
    if (!/^[+-]?\d+$/.test(compact)) return { ok: false, code: 'INVALID_FORMAT', message: formatMessage };
    n = Number(compact);
  } else {
    return { ok: false, code: 'INVALID_TYPE', message: isAmount ? `Le champ ${label} doit être un montant.` : `Le champ ${label} doit être un nombre.` };
  }
  n += 0; // -0 → 0
  const show = (v: number): string => (isAmount ? formatXpf(v) : groupThousands(v));
  const min = isAmount ? Math.max(0, field.min ?? 0) : field.min;
  const tooSmall = (bound: number): Parsed => ({ ok: false, code: 'TOO_SMALL', message: `Le champ ${label} doit être supérieur ou égal à ${show(bound)}.` });
  const tooLarge = (bound: number): Parsed => ({ ok: false, code: 'TOO_LARGE', message: `Le champ ${label} doit être inférieur ou égal à ${show(bound)}.` });
  // Beyond 2^53 a number is no longer exact: refuse rather than store a rounded amount.
  if (!Number.isSafeInteger(n)) return n < 0 ? tooSmall(min ?? Number.MIN_SAFE_INTEGER) : tooLarge(field.max ?? Number.MAX_SAFE_INTEGER);
  if (min !== undefined && n < min) return tooSmall(min);
  if (field.max !== undefined && n > field.max) return tooLarge(field.max);
  return { ok: true, value: n };
}

// ---------------------------------------------------------------------------------------------
// Checking a schema before an admin publishes it: a broken form must fail here, not in front of
// an applicant. Paths name the offending property, e.g. `fields[2].options`.

export type SchemaErrorCode =
  | FormErrorCode
  | 'DUPLICATE_KEY'
  | 'DUPLICATE_OPTION'
  | 'MISSING_OPTIONS'
  | 'INVALID_RANGE'
  | 'NOT_APPLICABLE'
  | 'DUPLICATE_REQUESTED_AMOUNT';

export type SchemaValidationResult = { ok: true; value: FormSchema } | { ok: false; errors: FormError<SchemaErrorCode>[] };

// Letters, digits and underscores: keys end up in JSON columns, URLs and document type codes.
const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const LABEL_MAX_LENGTH = 200;
const HELP_MAX_LENGTH = 1000;
const FIELD_PROPERTIES = ['key', 'type', 'label', 'required', 'help', 'minLength', 'maxLength', 'min', 'max', 'options', 'requestedAmount'];
const TEXT_TYPES: readonly FormFieldType[] = ['text', 'long_text'];
const NUMBER_TYPES: readonly FormFieldType[] = ['integer', 'amount_xpf'];

type AddSchemaError = (field: string, code: SchemaErrorCode, message: string) => void;

export function validateFormSchema(schema: unknown): SchemaValidationResult {
  const errors: FormError<SchemaErrorCode>[] = [];
  const add: AddSchemaError = (field, code, message) => errors.push({ field, code, message });
  if (!isPlainObject(schema)) {
    add(FORM_ROOT, 'INVALID_TYPE', 'Le formulaire doit être un objet { version, fields }.');
    return { ok: false, errors };
  }
  for (const key of Object.keys(schema)) {
    if (key !== 'version' && key !== 'fields') add(key, 'UNKNOWN_FIELD', `La propriété ${q(key)} est inconnue.`);
  }
  const { version, fields } = schema;
  if (version === undefined) add('version', 'REQUIRED', 'La version du formulaire est obligatoire.');
  else if (!Number.isSafeInteger(version) || (version as number) < 1) add('version', 'INVALID_FORMAT', 'La version doit être un entier positif.');

  const checked: FormField[] = [];
  if (fields === undefined) add('fields', 'REQUIRED', 'La liste des champs est obligatoire.');
  else if (!Array.isArray(fields)) add('fields', 'INVALID_TYPE', 'Les champs doivent être une liste.');
  else {
    const firstIndexByKey = new Map<string, number>();
    let requestedAmountIndex: number | undefined;
    fields.forEach((raw: unknown, i) => {
      const field = checkField(raw, `fields[${i}]`, add);
      if (!field) return;
      if (field.requestedAmount) {
        if (requestedAmountIndex === undefined) requestedAmountIndex = i;
        else add(`fields[${i}].requestedAmount`, 'DUPLICATE_REQUESTED_AMOUNT', `Le montant demandé est déjà le champ n° ${requestedAmountIndex + 1}.`);
      }
      // Case-insensitive: `Kbis` and `kbis` side by side would confuse agents and document uploads.
      const folded = field.key.toLowerCase();
      const first = firstIndexByKey.get(folded);
      if (first === undefined) firstIndexByKey.set(folded, i);
      else add(`fields[${i}].key`, 'DUPLICATE_KEY', `La clé ${q(field.key)} est déjà utilisée par le champ n° ${first + 1}.`);
      checked.push(field);
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { version: version as number, fields: checked } };
}

/** The field as a fresh object when it is well-formed, else null (errors added). */
function checkField(raw: unknown, path: string, add: AddSchemaError): FormField | null {
  if (!isPlainObject(raw)) {
    add(path, 'INVALID_TYPE', 'Chaque champ doit être un objet.');
    return null;
  }
  const found = { any: false };
  const addCounted: AddSchemaError = (f, c, m) => {
    found.any = true;
    add(f, c, m);
  };
  for (const prop of Object.keys(raw)) {
    if (!FIELD_PROPERTIES.includes(prop)) addCounted(`${path}.${prop}`, 'UNKNOWN_FIELD', `La propriété ${q(prop)} est inconnue.`);
  }
  const { key, type, label, required, help, options } = raw;

  if (key === undefined) addCounted(`${path}.key`, 'REQUIRED', 'La clé du champ est obligatoire.');
  else if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    addCounted(`${path}.key`, 'INVALID_FORMAT', 'La clé doit commencer par une lettre, ne contenir que lettres, chiffres et _, et faire 64 caractères au plus.');
  }
  const knownType = (FORM_FIELD_TYPES as readonly unknown[]).includes(type);
  if (type === undefined) addCounted(`${path}.type`, 'REQUIRED', 'Le type du champ est obligatoire.');
  else if (!knownType) addCounted(`${path}.type`, 'NOT_IN_LIST', `Le type doit être l'un de : ${FORM_FIELD_TYPES.join(', ')}.`);
  checkText(label, `${path}.label`, 'Le libellé', LABEL_MAX_LENGTH, true, addCounted);
  if (required === undefined) addCounted(`${path}.required`, 'REQUIRED', 'Il faut préciser si le champ est obligatoire.');
  else if (typeof required !== 'boolean') addCounted(`${path}.required`, 'INVALID_TYPE', 'La propriété « required » doit valoir true ou false.');
  if (help !== undefined) checkText(help, `${path}.help`, "L'aide", HELP_MAX_LENGTH, false, addCounted);
  if (knownType) checkTypeSpecific(raw, type as FormFieldType, path, addCounted);
  if (found.any) return null;

  const field: { -readonly [K in keyof FormField]: FormField[K] } = {
    key: key as string,
    type: type as FormFieldType,
    label: label as string,
    required: required as boolean,
  };
  if (help !== undefined) field.help = help as string;
  for (const prop of ['minLength', 'maxLength', 'min', 'max'] as const) {
    if (raw[prop] !== undefined) field[prop] = raw[prop] as number;
  }
  if (options !== undefined) field.options = (options as ChoiceOption[]).map((o) => ({ value: o.value, label: o.label }));
  // `false` means the same as absent: stored only when set, so a schema has one spelling.
  if (raw.requestedAmount === true) field.requestedAmount = true;
  return field;
}

function checkText(value: unknown, path: string, name: string, max: number, required: boolean, add: AddSchemaError): void {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
    if (required) add(path, 'REQUIRED', `${name} est obligatoire.`);
    else add(path, 'TOO_SHORT', `${name} ne peut pas être vide.`);
  } else if (typeof value !== 'string') add(path, 'INVALID_TYPE', `${name} doit être un texte.`);
  else if ([...value].length > max) add(path, 'TOO_LONG', `${name} doit contenir au plus ${max} caractères.`);
}

function checkTypeSpecific(raw: Record<string, unknown>, type: FormFieldType, path: string, add: AddSchemaError): void {
  const notApplicable = (prop: string): void => add(`${path}.${prop}`, 'NOT_APPLICABLE', `La propriété ${q(prop)} ne s'applique pas au type ${q(type)}.`);
  const integerProp = (prop: string, lowest: number): number | undefined => {
    const v = raw[prop];
    if (v === undefined) return undefined;
    if (!Number.isSafeInteger(v)) add(`${path}.${prop}`, 'INVALID_FORMAT', `La propriété ${q(prop)} doit être un nombre entier.`);
    else if ((v as number) < lowest) add(`${path}.${prop}`, 'TOO_SMALL', `La propriété ${q(prop)} doit être au moins ${lowest}.`);
    else return v as number;
    return undefined;
  };

  if (TEXT_TYPES.includes(type)) {
    const ceiling = type === 'text' ? TEXT_MAX_LENGTH : LONG_TEXT_MAX_LENGTH;
    const minLength = integerProp('minLength', 0);
    const maxLength = integerProp('maxLength', 1);
    if (maxLength !== undefined && maxLength > ceiling) {
      add(`${path}.maxLength`, 'TOO_LARGE', `La longueur maximale d'un champ ${q(type)} est ${groupThousands(ceiling)} caractères.`);
    } else if (minLength !== undefined && minLength > (maxLength ?? ceiling)) {
      add(`${path}.minLength`, 'INVALID_RANGE', 'La longueur minimale dépasse la longueur maximale.');
    }
  } else {
    for (const prop of ['minLength', 'maxLength']) if (raw[prop] !== undefined) notApplicable(prop);
  }

  if (NUMBER_TYPES.includes(type)) {
    // An amount is never negative; a bound below 0 would be a mistake, not a choice.
    const lowest = type === 'amount_xpf' ? 0 : Number.MIN_SAFE_INTEGER;
    const min = integerProp('min', lowest);
    const max = integerProp('max', lowest);
    if (min !== undefined && max !== undefined && min > max) add(`${path}.min`, 'INVALID_RANGE', 'Le minimum dépasse le maximum.');
  } else {
    for (const prop of ['min', 'max']) if (raw[prop] !== undefined) notApplicable(prop);
  }

  if (type === 'choice') checkOptions(raw.options, `${path}.options`, add);
  else if (raw.options !== undefined) notApplicable('options');

  if (raw.requestedAmount !== undefined) {
    if (type !== 'amount_xpf') notApplicable('requestedAmount');
    else if (typeof raw.requestedAmount !== 'boolean') add(`${path}.requestedAmount`, 'INVALID_TYPE', 'La propriété « requestedAmount » doit valoir true ou false.');
  }
}

/** The field holding the amount in XPF the applicant asks for, if the form has one. */
export function requestedAmountField(schema: FormSchema): FormField | undefined {
  return schema.fields.find((f) => f.requestedAmount === true && f.type === 'amount_xpf');
}

function checkOptions(options: unknown, path: string, add: AddSchemaError): void {
  if (options === undefined || (Array.isArray(options) && options.length === 0)) {
    add(path, 'MISSING_OPTIONS', 'Un champ à choix doit proposer au moins une option.');
    return;
  }
  if (!Array.isArray(options)) {
    add(path, 'INVALID_TYPE', 'Les options doivent être une liste.');
    return;
  }
  const seen = new Set<string>();
  options.forEach((option: unknown, j) => {
    const at = `${path}[${j}]`;
    if (!isPlainObject(option)) {
      add(at, 'INVALID_TYPE', 'Chaque option doit être un objet { value, label }.');
      return;
    }
    for (const prop of Object.keys(option)) {
      if (prop !== 'value' && prop !== 'label') add(`${at}.${prop}`, 'UNKNOWN_FIELD', `La propriété ${q(prop)} est inconnue.`);
    }
    const { value, label } = option;
    // Answers are trimmed before matching, so a value with outer spaces could never be chosen.
    if (typeof value !== 'string' || value.trim() === '' || value !== value.trim()) {
      add(`${at}.value`, 'INVALID_FORMAT', "La valeur d'une option doit être un texte non vide, sans espace au début ni à la fin.");
    } else if (seen.has(value)) {
      add(`${at}.value`, 'DUPLICATE_OPTION', `La valeur ${q(value)} est proposée deux fois.`);
    } else seen.add(value);
    checkText(label, `${at}.label`, "Le libellé de l'option", LABEL_MAX_LENGTH, true, add);
  });
}

// ---------------------------------------------------------------------------------------------

function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

function error(field: string, code: FormErrorCode, message: string): FormError {
  return { field, code, message };
}
