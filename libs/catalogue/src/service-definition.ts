import { DIRECTORATE_CODES, DirectorateCode } from '@portal/accounts';
import type { FieldError } from '@portal/common';
import { DeadlineRule, DeadlineUnit, isValidDeadlineRule } from './deadline-calendar';
import { describeDuration } from './deadline-description';
import { FORM_ROOT, FormSchema, validateFormSchema } from './form-schema';
import { q } from './french-format';
import { APPLICANT_KINDS, ApplicantKind, RequiredDocument } from './service-version.entity';

// What an admin publishes as a new version of a service, and the rules it must meet before it is
// stored. Pure: the service adds what needs the database (the directorate exists, the next version).

/** `DEL-OFFRE-EMPLOI`: upper-case words of letters and digits joined by hyphens. */
export const SERVICE_CODE_PATTERN = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/;
export const SERVICE_CODE_MAX_LENGTH = 64;
export const SERVICE_TITLE_MAX_LENGTH = 200;
export const SERVICE_DESCRIPTION_MAX_LENGTH = 5_000;
export const DOCUMENT_LABEL_MAX_LENGTH = 200;
// Same grammar as form field keys: document type codes travel in URLs and upload metadata.
export const DOCUMENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Longest deadline per unit: beyond these a rule is a typing mistake (or would overflow the calendar). */
export const MAX_DEADLINE: Readonly<Record<DeadlineUnit, number>> = Object.freeze({
  months: 36,
  days: 1_095,
  working_days: 750,
  minutes: 10_080,
});

export interface ServiceDefinition {
  title: string;
  description: string;
  directorateCode: DirectorateCode;
  applicantKinds: ApplicantKind[];
  formSchema: FormSchema;
  requiredDocuments: RequiredDocument[];
  deadlineRule: DeadlineRule;
  open: boolean;
}

const DEFINITION_PROPERTIES: readonly (keyof ServiceDefinition)[] = [
  'title',
  'description',
  'directorateCode',
  'applicantKinds',
  'formSchema',
  'requiredDocuments',
  'deadlineRule',
  'open',
];

export type ServiceDefinitionResult = { ok: true; value: ServiceDefinition } | { ok: false; errors: FieldError[] };

export function isServiceCode(code: unknown): code is string {
  return typeof code === 'string' && code.length <= SERVICE_CODE_MAX_LENGTH && SERVICE_CODE_PATTERN.test(code);
}

/**
 * Checks a whole version as received (untrusted: JSON from the admin UI or a seed file) and returns
 * a normalised copy — trimmed texts, only known properties — or every error found, by field path.
 */
export function validateServiceDefinition(input: unknown): ServiceDefinitionResult {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string): void => {
    errors.push({ field, code, message });
  };
  if (!isRecord(input)) return { ok: false, errors: [{ field: FORM_ROOT, code: 'INVALID_TYPE', message: 'La démarche doit être un objet.' }] };
  rejectUnknown(input, DEFINITION_PROPERTIES, '', add);

  const title = checkText(input.title, 'title', 'Le titre', SERVICE_TITLE_MAX_LENGTH, add);
  const description = checkText(input.description, 'description', 'La description', SERVICE_DESCRIPTION_MAX_LENGTH, add);

  const directorateCode = input.directorateCode;
  if (!(DIRECTORATE_CODES as readonly unknown[]).includes(directorateCode)) {
    add('directorateCode', 'NOT_IN_LIST', `La direction doit être l'une de : ${DIRECTORATE_CODES.join(', ')}.`);
  }

  const applicantKinds = checkApplicantKinds(input.applicantKinds, add);

  const schema = validateFormSchema(input.formSchema);
  if (!schema.ok) {
    for (const e of schema.errors) add(e.field === FORM_ROOT ? 'formSchema' : `formSchema.${e.field}`, e.code, e.message);
  }

  const documentFieldKeys = new Set(schema.ok ? schema.value.fields.filter((f) => f.type === 'document').map((f) => f.key.toLowerCase()) : []);
  const requiredDocuments = checkRequiredDocuments(input.requiredDocuments, documentFieldKeys, add);
  const deadlineRule = checkDeadlineRule(input.deadlineRule, add);

  if (typeof input.open !== 'boolean') add('open', 'INVALID_TYPE', 'Il faut préciser si la démarche est ouverte (true ou false).');

  if (errors.length > 0 || !schema.ok || !title || !description || !applicantKinds || !requiredDocuments || !deadlineRule) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      title,
      description,
      directorateCode: directorateCode as DirectorateCode,
      applicantKinds,
      formSchema: schema.value,
      requiredDocuments,
      deadlineRule,
      open: input.open as boolean,
    },
  };
}

type Add = (field: string, code: string, message: string) => void;

// Validated DTO instances arrive here as well as parsed JSON, so any non-array object is accepted;
// only own enumerable properties are read, and the form schema itself must be a plain object.
function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function checkText(value: unknown, field: string, name: string, max: number, add: Add): string | null {
  if (typeof value !== 'string') {
    add(field, value === undefined ? 'REQUIRED' : 'INVALID_TYPE', value === undefined ? `${name} est obligatoire.` : `${name} doit être un texte.`);
    return null;
  }
  const text = value.normalize('NFC').trim();
  if (text === '') add(field, 'REQUIRED', `${name} est obligatoire.`);
  else if ([...text].length > max) add(field, 'TOO_LONG', `${name} doit contenir au plus ${max} caractères.`);
  else return text;
  return null;
}

function checkApplicantKinds(value: unknown, add: Add): ApplicantKind[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    add('applicantKinds', 'REQUIRED', 'Précisez qui peut faire la démarche : un particulier, une entreprise, ou les deux.');
    return null;
  }
  const kinds: ApplicantKind[] = [];
  value.forEach((kind: unknown, i) => {
    if (!(APPLICANT_KINDS as readonly unknown[]).includes(kind)) add(`applicantKinds[${i}]`, 'NOT_IN_LIST', 'Le demandeur doit être « person » ou « business ».');
    else if (kinds.includes(kind as ApplicantKind)) add(`applicantKinds[${i}]`, 'DUPLICATE', `${q(String(kind))} figure deux fois.`);
    else kinds.push(kind as ApplicantKind);
  });
  return kinds.length === value.length ? kinds : null;
}

function checkRequiredDocuments(value: unknown, documentFieldKeys: ReadonlySet<string>, add: Add): RequiredDocument[] | null {
  if (!Array.isArray(value)) {
    add('requiredDocuments', value === undefined ? 'REQUIRED' : 'INVALID_TYPE', 'Les pièces justificatives doivent être une liste (éventuellement vide).');
    return null;
  }
  let failed = false;
  const fail: Add = (field, code, message) => {
    failed = true;
    add(field, code, message);
  };
  const documents: RequiredDocument[] = [];
  const seen = new Set<string>();
  value.forEach((raw: unknown, i) => {
    const at = `requiredDocuments[${i}]`;
    if (!isRecord(raw)) {
      fail(at, 'INVALID_TYPE', 'Chaque pièce doit être un objet { type, label, required }.');
      return;
    }
    rejectUnknown(raw, ['type', 'label', 'required'], at, fail);
    const { type, required } = raw;
    // Case-insensitive, like form keys: `Devis` and `devis` side by side would confuse uploads.
    const folded = typeof type === 'string' ? type.toLowerCase() : '';
    if (typeof type !== 'string' || !DOCUMENT_TYPE_PATTERN.test(type)) {
      fail(`${at}.type`, 'INVALID_FORMAT', 'Le type de pièce doit commencer par une lettre et ne contenir que lettres, chiffres et _ (64 caractères au plus).');
    } else if (seen.has(folded)) {
      fail(`${at}.type`, 'DUPLICATE', `La pièce ${q(type)} est demandée deux fois.`);
    } else if (documentFieldKeys.has(folded)) {
      // Nothing asked twice: a document is either a field of the form or in this list.
      fail(`${at}.type`, 'DUPLICATE', `La pièce ${q(type)} est déjà un champ du formulaire.`);
    } else seen.add(folded);
    const label = checkText(raw.label, `${at}.label`, 'Le libellé de la pièce', DOCUMENT_LABEL_MAX_LENGTH, fail);
    if (typeof required !== 'boolean') fail(`${at}.required`, 'INVALID_TYPE', 'Il faut préciser si la pièce est obligatoire (true ou false).');
    if (label !== null) documents.push({ type: type as string, label, required: required as boolean });
  });
  return failed ? null : documents;
}

function rejectUnknown(raw: Record<string, unknown>, known: readonly string[], path: string, add: Add): void {
  for (const prop of Object.keys(raw)) {
    if (!known.includes(prop)) add(path ? `${path}.${prop}` : prop, 'UNKNOWN_FIELD', `La propriété ${q(prop)} est inconnue.`);
  }
}

function checkDeadlineRule(value: unknown, add: Add): DeadlineRule | null {
  if (!isValidDeadlineRule(value)) {
    add(
      'deadlineRule',
      value === undefined ? 'REQUIRED' : 'INVALID_FORMAT',
      'La règle de délai doit être { outcome, duration: { unit, value }, suspendedWhileAwaitingApplicant } avec des valeurs autorisées.',
    );
    return null;
  }
  const { outcome, duration, suspendedWhileAwaitingApplicant } = value;
  let unknown = false;
  const flag: Add = (field, code, message) => {
    unknown = true;
    add(field, code, message);
  };
  rejectUnknown(value as unknown as Record<string, unknown>, ['outcome', 'duration', 'suspendedWhileAwaitingApplicant'], 'deadlineRule', flag);
  rejectUnknown(duration, ['unit', 'value'], 'deadlineRule.duration', flag);
  if (unknown) return null;
  if (outcome !== 'none' && duration.value < 1) {
    add('deadlineRule.duration.value', 'TOO_SMALL', 'Un délai de décision dure au moins une unité.');
    return null;
  }
  if (duration.value > MAX_DEADLINE[duration.unit]) {
    add('deadlineRule.duration.value', 'TOO_LARGE', `Un délai ne peut pas dépasser ${describeDuration(duration.unit, MAX_DEADLINE[duration.unit])}.`);
    return null;
  }
  // A fresh object with only the known properties: the rule is stored as jsonb and read back by every request.
  return { outcome, duration: { unit: duration.unit, value: duration.value }, suspendedWhileAwaitingApplicant };
}
