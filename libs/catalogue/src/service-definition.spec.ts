import { DEFAULT_DEADLINE_RULE } from './deadline-calendar';
import { SEEDED_SERVICES } from './seed/catalogue.seed';
import { isServiceCode, MAX_DEADLINE, validateServiceDefinition } from './service-definition';

const VALID = {
  title: '  Aide au logement ',
  description: 'Une aide pour payer le loyer.',
  directorateCode: 'DEL',
  applicantKinds: ['person'],
  formSchema: { version: 1, fields: [{ key: 'loyer', type: 'amount_xpf', label: 'Loyer mensuel', required: true }] },
  requiredDocuments: [{ type: 'avis_imposition', label: "Avis d'imposition", required: true }],
  deadlineRule: { outcome: 'implicit_rejection', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: true },
  open: true,
};

const errorsOf = (overrides: Record<string, unknown>): string[] => {
  const result = validateServiceDefinition({ ...VALID, ...overrides });
  return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`);
};

describe('isServiceCode', () => {
  it.each(['DEL-OFFRE-EMPLOI', 'DAJI-COPIE-ACTE', 'DDET2', 'A'])('accepts %p', (code) => {
    expect(isServiceCode(code)).toBe(true);
  });

  it.each(['del-offre-emploi', 'DEL--OFFRE', '-DEL', 'DEL-', 'DEL OFFRE', '1DEL', '', 'A'.repeat(65), 42])('refuses %p', (code) => {
    expect(isServiceCode(code)).toBe(false);
  });
});

describe('validateServiceDefinition', () => {
  it('returns a normalised copy of a valid definition', () => {
    const result = validateServiceDefinition(VALID);
    expect(result).toEqual({ ok: true, value: { ...VALID, title: 'Aide au logement' } });
    expect(result.ok && result.value.formSchema).not.toBe(VALID.formSchema);
    expect(result.ok && result.value.deadlineRule).not.toBe(VALID.deadlineRule);
  });

  it('accepts a frozen rule such as the default one', () => {
    expect(errorsOf({ deadlineRule: DEFAULT_DEADLINE_RULE })).toEqual([]);
  });

  it('refuses something that is not an object', () => {
    expect(validateServiceDefinition(null)).toEqual({ ok: false, errors: [expect.objectContaining({ field: '$', code: 'INVALID_TYPE' })] });
    expect(validateServiceDefinition([VALID]).ok).toBe(false);
  });

  it('names form schema errors by their path under formSchema', () => {
    expect(errorsOf({ formSchema: { version: 1, fields: [{ key: 'x', type: 'signature', label: 'X', required: true }] } })).toEqual([
      'formSchema.fields[0].type:NOT_IN_LIST',
    ]);
    expect(errorsOf({ formSchema: 'un formulaire' })).toEqual(['formSchema:INVALID_TYPE']);
  });

  it.each([
    [{ title: '   ' }, ['title:REQUIRED']],
    [{ title: undefined }, ['title:REQUIRED']],
    [{ title: 3 }, ['title:INVALID_TYPE']],
    [{ title: 'x'.repeat(201) }, ['title:TOO_LONG']],
    [{ description: 'x'.repeat(5_001) }, ['description:TOO_LONG']],
    [{ directorateCode: 'DRH' }, ['directorateCode:NOT_IN_LIST']],
    [{ applicantKinds: [] }, ['applicantKinds:REQUIRED']],
    [{ applicantKinds: 'person' }, ['applicantKinds:REQUIRED']],
    [{ applicantKinds: ['person', 'association'] }, ['applicantKinds[1]:NOT_IN_LIST']],
    [{ applicantKinds: ['person', 'person'] }, ['applicantKinds[1]:DUPLICATE']],
    [{ open: 'oui' }, ['open:INVALID_TYPE']],
    [{ version: 3 }, ['version:UNKNOWN_FIELD']],
  ])('%p → %p', (overrides, expected) => {
    expect(errorsOf(overrides)).toEqual(expected);
  });

  it.each([
    [{ requiredDocuments: undefined }, ['requiredDocuments:REQUIRED']],
    [{ requiredDocuments: [{ type: 'devis', label: 'Devis', required: true }, { type: 'Devis', label: 'Autre devis', required: false }] }, ['requiredDocuments[1].type:DUPLICATE']],
    [{ requiredDocuments: [{ type: 'pièce', label: 'Pièce', required: true }] }, ['requiredDocuments[0].type:INVALID_FORMAT']],
    [{ requiredDocuments: [{ type: 'devis', label: ' ', required: 'oui' }] }, ['requiredDocuments[0].label:REQUIRED', 'requiredDocuments[0].required:INVALID_TYPE']],
    [{ requiredDocuments: [{ type: 'devis', label: 'Devis', required: true, format: 'pdf' }] }, ['requiredDocuments[0].format:UNKNOWN_FIELD']],
    [{ requiredDocuments: ['devis'] }, ['requiredDocuments[0]:INVALID_TYPE']],
  ])('documents %p → %p', (overrides, expected) => {
    expect(errorsOf(overrides)).toEqual(expected);
  });

  it('refuses a document asked both as a form field and in the list', () => {
    const formSchema = { version: 1, fields: [{ key: 'devis', type: 'document', label: 'Devis', required: true }] };
    expect(errorsOf({ formSchema, requiredDocuments: [{ type: 'devis', label: 'Devis', required: true }] })).toEqual(['requiredDocuments[0].type:DUPLICATE']);
  });

  it.each([
    [{ outcome: 'silence_vaut_accord', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: true }, ['deadlineRule:INVALID_FORMAT']],
    [{ outcome: 'implicit_rejection', duration: { unit: 'weeks', value: 2 }, suspendedWhileAwaitingApplicant: true }, ['deadlineRule:INVALID_FORMAT']],
    [{ outcome: 'implicit_rejection', duration: { unit: 'months', value: 1.5 }, suspendedWhileAwaitingApplicant: true }, ['deadlineRule:INVALID_FORMAT']],
    [{ outcome: 'implicit_rejection', duration: { unit: 'months', value: 2 } }, ['deadlineRule:INVALID_FORMAT']],
    [undefined, ['deadlineRule:REQUIRED']],
    [{ outcome: 'implicit_rejection', duration: { unit: 'months', value: 0 }, suspendedWhileAwaitingApplicant: true }, ['deadlineRule.duration.value:TOO_SMALL']],
    [{ outcome: 'implicit_rejection', duration: { unit: 'months', value: MAX_DEADLINE.months + 1 }, suspendedWhileAwaitingApplicant: true }, ['deadlineRule.duration.value:TOO_LARGE']],
    [{ outcome: 'implicit_rejection', duration: { unit: 'working_days', value: 100_000 }, suspendedWhileAwaitingApplicant: true }, ['deadlineRule.duration.value:TOO_LARGE']],
    [{ outcome: 'implicit_rejection', duration: { unit: 'months', value: 2, from: 'receipt' }, suspendedWhileAwaitingApplicant: true }, ['deadlineRule.duration.from:UNKNOWN_FIELD']],
    [{ outcome: 'implicit_rejection', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: true, notes: '' }, ['deadlineRule.notes:UNKNOWN_FIELD']],
  ])('deadline %p → %p', (deadlineRule, expected) => {
    expect(errorsOf({ deadlineRule })).toEqual(expected);
  });

  it('allows no deadline at all (outcome none, any duration)', () => {
    expect(errorsOf({ deadlineRule: { outcome: 'none', duration: { unit: 'days', value: 0 }, suspendedWhileAwaitingApplicant: false } })).toEqual([]);
  });

  it('reports every error at once, in field order', () => {
    expect(errorsOf({ title: '', directorateCode: 'X', applicantKinds: [], open: null })).toEqual([
      'title:REQUIRED',
      'directorateCode:NOT_IN_LIST',
      'applicantKinds:REQUIRED',
      'open:INVALID_TYPE',
    ]);
  });
});

describe('seeded services', () => {
  it('are at least six, over the three directorates, with unique codes', () => {
    expect(SEEDED_SERVICES.length).toBeGreaterThanOrEqual(6);
    expect(new Set(SEEDED_SERVICES.map((s) => s.directorateCode))).toEqual(new Set(['DEL', 'DDET', 'DAJI']));
    expect(new Set(SEEDED_SERVICES.map((s) => s.code)).size).toBe(SEEDED_SERVICES.length);
  });

  it.each(SEEDED_SERVICES.map((s) => [s.code, s] as const))('%s is a valid definition whose code starts with its directorate', (code, service) => {
    expect(isServiceCode(code)).toBe(true);
    expect(code.startsWith(`${service.directorateCode}-`)).toBe(true);
    const { code: _code, ...definition } = service;
    const result = validateServiceDefinition(definition);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('marks the requested amount of the aid schemes, with its ceiling', () => {
    const ceilings = Object.fromEntries(
      SEEDED_SERVICES.flatMap((s) => s.formSchema.fields.filter((f) => f.requestedAmount).map((f) => [s.code, f.max] as const)),
    );
    expect(ceilings).toEqual({ 'DDET-CREATION-ENTREPRISE': 3_000_000, 'DDET-INVEST-TOURISME': 20_000_000 });
  });
});
