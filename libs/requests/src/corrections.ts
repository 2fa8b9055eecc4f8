import { isDeepStrictEqual } from 'node:util';
import type { FormAnswers, ServiceVersion } from '@portal/catalogue';
import { validationFailed } from '@portal/common';
import type { FieldError } from '@portal/common';
import { documentTypesOf } from './documents/documents.service';
import type { RequestedCorrections } from './domain/requested-corrections';

export type { RequestedCorrections };

/** The agent's list, checked against the service: unknown keys are refused, duplicates dropped. */
export function requestedCorrections(
  service: ServiceVersion,
  data: FormAnswers,
  fieldsToCorrect: readonly string[] = [],
  documentsToProvide: readonly string[] = [],
): RequestedCorrections | null {
  const answerKeys = new Set(service.formSchema.fields.filter((f) => f.type !== 'document').map((f) => f.key));
  const documentTypes = new Set(documentTypesOf(service));
  const errors: FieldError[] = [];
  for (const key of fieldsToCorrect) {
    if (!answerKeys.has(key)) errors.push({ field: 'fieldsToCorrect', code: 'UNKNOWN_FIELD', message: `Le formulaire de cette démarche n’a pas de champ « ${key} ».` });
  }
  for (const type of documentsToProvide) {
    if (!documentTypes.has(type)) errors.push({ field: 'documentsToProvide', code: 'UNKNOWN_DOCUMENT_TYPE', message: `Cette démarche ne demande pas de pièce « ${type} ».` });
  }
  if (errors.length > 0) throw validationFailed(errors);
  const fields = [...new Set(fieldsToCorrect)].map((key) => ({ key, previous: data[key] ?? null }));
  const documents = [...new Set(documentsToProvide)];
  return fields.length + documents.length > 0 ? { fields, documents } : null;
}

export interface CorrectionOutcome {
  changedFields: string[];
  providedDocuments: string[];
  explained: Array<{ key: string; reason: string }>;
}

/**
 * Each item asked for is answered: a changed answer, a new document of that type, or a reason given.
 * Otherwise one VALIDATION_FAILED detail per item left untouched.
 */
export function checkCorrections(
  asked: RequestedCorrections,
  data: Record<string, unknown>,
  newDocumentTypes: ReadonlySet<string>,
  explanations: Readonly<Record<string, string>> = {},
): CorrectionOutcome {
  const outcome: CorrectionOutcome = { changedFields: [], providedDocuments: [], explained: [] };
  const errors: FieldError[] = [];
  const reasonFor = (key: string): string | null => {
    const reason = Object.hasOwn(explanations, key) ? explanations[key] : undefined;
    return typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : null;
  };
  for (const { key, previous } of asked.fields) {
    const reason = reasonFor(key);
    if (!isDeepStrictEqual(data[key] ?? null, previous)) outcome.changedFields.push(key);
    else if (reason) outcome.explained.push({ key, reason });
    else errors.push({ field: `data.${key}`, code: 'CORRECTION_MISSING', message: 'Cette réponse devait être corrigée : modifiez-la, ou expliquez pourquoi elle reste inchangée.' });
  }
  for (const type of asked.documents) {
    const reason = reasonFor(type);
    if (newDocumentTypes.has(type)) outcome.providedDocuments.push(type);
    else if (reason) outcome.explained.push({ key: type, reason });
    else errors.push({ field: `documents.${type}`, code: 'CORRECTION_MISSING', message: 'Cette pièce était demandée : déposez-la, ou expliquez pourquoi vous ne pouvez pas la fournir.' });
  }
  if (errors.length > 0) throw validationFailed(errors);
  return outcome;
}

/** What the applicant reads for a field key or a document type: the service's own label. */
export function correctionLabel(service: ServiceVersion | undefined, key: string): string {
  return service?.requiredDocuments.find((d) => d.type === key)?.label ?? service?.formSchema.fields.find((f) => f.key === key)?.label ?? key;
}
