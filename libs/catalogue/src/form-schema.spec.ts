import fc from 'fast-check';
import { Ridet } from '@portal/common';
import {
  FORM_FIELD_TYPES,
  FORM_ROOT,
  FormField,
  FormSchema,
  LONG_TEXT_MAX_LENGTH,
  TEXT_MAX_LENGTH,
  requestedAmountField,
  validateFormData,
  validateFormSchema,
} from './form-schema';

const field = (key: string, type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({
  key,
  type,
  label: `Libellé ${key}`,
  required: false,
  ...extra,
});

/** One schema with every field type, the shape of an aid application. */
const AID_FORM: FormSchema = {
  version: 3,
  fields: [
    field('company_name', 'text', { required: true, minLength: 2, maxLength: 20 }),
    field('project', 'long_text'),
    field('employees', 'integer', { min: 0, max: 500 }),
    field('amount', 'amount_xpf', { required: true, max: 5_000_000 }),
    field('start_date', 'date'),
    field('sector', 'choice', { options: [{ value: 'tourism', label: 'Tourisme' }, { value: 'agri', label: 'Agriculture' }] }),
    field('first_request', 'yes_no', { required: true }),
    field('contact_email', 'email'),
    field('contact_phone', 'phone_nc'),
    field('ridet', 'ridet'),
    field('commune', 'commune'),
    field('KBIS', 'document', { required: true }),
    field('plan', 'document'),
  ],
};

const VALID = { company_name: 'Boulangerie', amount: 150_000, first_request: true };
const DOCS = new Set(['KBIS']);

function errorsOf(data: unknown, opts = { documentTypes: DOCS }) {
  const result = validateFormData(AID_FORM, data, opts);
  return result.ok ? [] : result.errors;
}

/** Validate one field's raw value on top of an otherwise valid payload. */
function one(key: string, value: unknown) {
  const result = validateFormData(AID_FORM, { ...VALID, [key]: value }, { documentTypes: DOCS });
  return result.ok ? { ok: true as const, value: result.value[key] } : { ok: false as const, code: result.errors.map((e) => e.code).join(',') };
}

describe('validateFormData', () => {
  it('accepts a minimal valid payload and omits absent optional fields', () => {
    expect(validateFormData(AID_FORM, VALID, { documentTypes: DOCS })).toEqual({ ok: true, value: VALID });
  });

  it('normalises a full payload', () => {
    const result = validateFormData(
      AID_FORM,
      {
        company_name: '  Boulangerie  ',
        project: 'Ouvrir un fournil\nà Païta',
        employees: '12',
        amount: '1 500 000',
        start_date: '2026-02-28',
        sector: 'tourism',
        first_request: false,
        contact_email: ' Marie@Exemple.NC ',
        contact_phone: '+687 25.12.34',
        ridet: '0 122 531 001',
        commune: 'paita',
      },
      { documentTypes: new Set(['KBIS', 'plan']) },
    );
    expect(result).toEqual({
      ok: true,
      value: {
        company_name: 'Boulangerie',
        project: 'Ouvrir un fournil\nà Païta',
        employees: 12,
        amount: 1_500_000,
        start_date: '2026-02-28',
        sector: 'tourism',
        first_request: false,
        contact_email: 'marie@exemple.nc',
        contact_phone: '+687251234',
        ridet: '0122531001',
        commune: 'Païta',
      },
    });
  });

  it('reports every required field, in schema order, in French', () => {
    expect(errorsOf({}, { documentTypes: new Set() })).toEqual([
      { field: 'company_name', code: 'REQUIRED', message: 'Le champ «\u00a0Libellé company_name\u00a0» est obligatoire.' },
      { field: 'amount', code: 'REQUIRED', message: 'Le champ «\u00a0Libellé amount\u00a0» est obligatoire.' },
      { field: 'first_request', code: 'REQUIRED', message: 'Le champ «\u00a0Libellé first_request\u00a0» est obligatoire.' },
      { field: 'KBIS', code: 'REQUIRED', message: 'La pièce «\u00a0Libellé KBIS\u00a0» est obligatoire.' },
    ]);
  });

  it('treats null, undefined, empty and blank strings as absent', () => {
    for (const blank of [null, undefined, '', '   ', '\u00a0\n']) {
      expect(errorsOf({ ...VALID, company_name: blank }).map((e) => [e.field, e.code])).toEqual([['company_name', 'REQUIRED']]);
      expect(validateFormData(AID_FORM, { ...VALID, project: blank }, { documentTypes: DOCS })).toEqual({ ok: true, value: VALID });
    }
  });

  it('partial (draft) skips required checks but still validates what is there', () => {
    expect(validateFormData(AID_FORM, {}, { partial: true })).toEqual({ ok: true, value: {} });
    expect(validateFormData(AID_FORM, { amount: -1, nope: 1 }, { partial: true })).toMatchObject({
      ok: false,
      errors: [
        { field: 'amount', code: 'TOO_SMALL' },
        { field: 'nope', code: 'UNKNOWN_FIELD' },
      ],
    });
  });

  it('refuses unknown keys, one error each, after the field errors', () => {
    expect(errorsOf({ ...VALID, amount: 'beaucoup', extra: 1, admin: true })).toEqual([
      expect.objectContaining({ field: 'amount', code: 'INVALID_FORMAT' }),
      { field: 'extra', code: 'UNKNOWN_FIELD', message: 'Le champ «\u00a0extra\u00a0» n\'existe pas dans ce formulaire.' },
      expect.objectContaining({ field: 'admin', code: 'UNKNOWN_FIELD' }),
    ]);
  });

  it.each([null, undefined, 42, 'texte', [], [VALID], new Date(), new Map()])('refuses a payload that is not an object: %p', (data) => {
    expect(validateFormData(AID_FORM, data)).toEqual({
      ok: false,
      errors: [{ field: FORM_ROOT, code: 'INVALID_TYPE', message: expect.stringMatching(/illisibles/) }],
    });
  });

  it('accepts a null-prototype object (as some parsers produce)', () => {
    const data = Object.assign(Object.create(null) as object, VALID);
    expect(validateFormData(AID_FORM, data, { documentTypes: DOCS })).toEqual({ ok: true, value: VALID });
  });

  it('ignores inherited properties and cannot be polluted through __proto__', () => {
    const inherited = Object.create({ company_name: 'Héritée' }) as Record<string, unknown>;
    Object.assign(inherited, { amount: 1, first_request: true });
    expect(errorsOf(inherited).map((e) => e.code)).toEqual(['INVALID_TYPE']); // not a plain object
    const polluted = JSON.parse('{"__proto__": {"company_name": "x"}, "amount": 1, "first_request": true}') as unknown;
    expect(errorsOf(polluted).map((e) => [e.field, e.code])).toEqual([
      ['company_name', 'REQUIRED'],
      ['__proto__', 'UNKNOWN_FIELD'],
    ]);
  });

  it('gives at most one error per field', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...AID_FORM.fields.map((f) => f.key), 'x', 'y'), fc.anything()), (data) => {
        const fields = errorsOf(data).map((e) => e.field);
        expect(new Set(fields).size).toBe(fields.length);
      }),
    );
  });

  describe('text and long_text', () => {
    it('trims, normalises to NFC and counts characters, not UTF-16 units', () => {
      expect(one('company_name', ' Cafe\u0301 ')).toEqual({ ok: true, value: 'Café' });
      expect(one('company_name', '🌺🌺')).toEqual({ ok: true, value: '🌺🌺' });
      expect(one('company_name', '🌺'.repeat(20))).toEqual({ ok: true, value: '🌺'.repeat(20) });
    });

    it.each([
      ['a', 'TOO_SHORT'],
      ['a'.repeat(21), 'TOO_LONG'],
      [42, 'INVALID_TYPE'],
      [true, 'INVALID_TYPE'],
      [['a'], 'INVALID_TYPE'],
      [{ fr: 'a' }, 'INVALID_TYPE'],
    ])('company_name %p → %s', (value, code) => {
      expect(one('company_name', value)).toEqual({ ok: false, code });
    });

    it('applies the default ceilings when the schema sets none', () => {
      const schema: FormSchema = { version: 1, fields: [field('t', 'text'), field('l', 'long_text')] };
      expect(validateFormData(schema, { t: 'a'.repeat(TEXT_MAX_LENGTH) }).ok).toBe(true);
      expect(validateFormData(schema, { t: 'a'.repeat(TEXT_MAX_LENGTH + 1) })).toMatchObject({ ok: false, errors: [{ code: 'TOO_LONG' }] });
      expect(validateFormData(schema, { l: 'a'.repeat(LONG_TEXT_MAX_LENGTH) }).ok).toBe(true);
      expect(validateFormData(schema, { l: 'a'.repeat(LONG_TEXT_MAX_LENGTH + 1) })).toMatchObject({ ok: false, errors: [{ code: 'TOO_LONG' }] });
    });

    it('says the limits in the message', () => {
      expect(errorsOf({ ...VALID, company_name: 'a' })[0].message).toBe(
        'Le champ «\u00a0Libellé company_name\u00a0» doit contenir au moins 2 caractères.',
      );
      expect(errorsOf({ ...VALID, company_name: 'a'.repeat(30) })[0].message).toMatch(/au plus 20 caractères/);
    });
  });

  describe('integer', () => {
    it.each([
      [0, 0],
      [500, 500],
      ['12', 12],
      [' 12 ', 12],
      ['+7', 7],
      [-0, 0],
    ])('%p → %p', (value, expected) => {
      expect(one('employees', value)).toEqual({ ok: true, value: expected });
    });

    it.each([
      [-1, 'TOO_SMALL'],
      [501, 'TOO_LARGE'],
      ['-3', 'TOO_SMALL'],
      [1.5, 'INVALID_FORMAT'],
      ['1,5', 'INVALID_FORMAT'],
      ['1e3', 'INVALID_FORMAT'],
      ['douze', 'INVALID_FORMAT'],
      [NaN, 'INVALID_FORMAT'],
      [Infinity, 'INVALID_FORMAT'],
      [true, 'INVALID_TYPE'],
      [[1], 'INVALID_TYPE'],
      [10n, 'INVALID_TYPE'],
    ])('%p → %s', (value, code) => {
      expect(one('employees', value)).toEqual({ ok: false, code });
    });

    it('refuses integers that lose precision', () => {
      const schema: FormSchema = { version: 1, fields: [field('n', 'integer')] };
      expect(validateFormData(schema, { n: Number.MAX_SAFE_INTEGER })).toEqual({ ok: true, value: { n: Number.MAX_SAFE_INTEGER } });
      expect(validateFormData(schema, { n: 2 ** 60 })).toMatchObject({ ok: false, errors: [{ code: 'TOO_LARGE' }] });
      expect(validateFormData(schema, { n: '-99999999999999999999' })).toMatchObject({ ok: false, errors: [{ code: 'TOO_SMALL' }] });
      expect(validateFormData(schema, { n: -5 })).toEqual({ ok: true, value: { n: -5 } });
    });
  });

  describe('amount_xpf', () => {
    it.each([
      [0, 0],
      [150_000, 150_000],
      ['150 000', 150_000],
      ['150\u00a0000', 150_000],
      ['150\u202f000', 150_000],
      ['5000000', 5_000_000],
    ])('%p → %p whole francs', (value, expected) => {
      expect(one('amount', value)).toEqual({ ok: true, value: expected });
    });

    it.each([
      [-1, 'TOO_SMALL'],
      [5_000_001, 'TOO_LARGE'],
      [1500.5, 'INVALID_FORMAT'],
      ['1500,50', 'INVALID_FORMAT'],
      ['1 500 F', 'INVALID_FORMAT'],
      [false, 'INVALID_TYPE'],
    ])('%p → %s', (value, code) => {
      expect(one('amount', value)).toEqual({ ok: false, code });
    });

    it('writes amounts the French way in messages', () => {
      expect(errorsOf({ ...VALID, amount: 6_000_000 })[0].message).toBe(
        'Le champ «\u00a0Libellé amount\u00a0» doit être inférieur ou égal à 5\u00a0000\u00a0000\u00a0F\u00a0CFP.',
      );
      expect(errorsOf({ ...VALID, amount: 1.5 })[0].message).toMatch(/francs CFP, sans décimales/);
    });

    it('is never negative even when the schema forgot a minimum, and honours a minimum', () => {
      const schema: FormSchema = { version: 1, fields: [field('a', 'amount_xpf'), field('b', 'amount_xpf', { min: 10_000 })] };
      expect(validateFormData(schema, { a: -5 })).toMatchObject({ ok: false, errors: [{ code: 'TOO_SMALL' }] });
      expect(validateFormData(schema, { b: 9_999 })).toMatchObject({ ok: false, errors: [{ code: 'TOO_SMALL', message: expect.stringMatching(/10\u00a0000/) }] });
    });
  });

  describe('date', () => {
    it.each(['2026-02-28', '2024-02-29', ' 2026-09-24 '])('accepts %p', (value) => {
      expect(one('start_date', value)).toEqual({ ok: true, value: value.trim() });
    });

    it.each([
      ['2025-02-29', 'INVALID_FORMAT'],
      ['28/02/2026', 'INVALID_FORMAT'],
      ['2026-2-28', 'INVALID_FORMAT'],
      ['2026-02-28T10:00:00Z', 'INVALID_FORMAT'],
      [20260228, 'INVALID_TYPE'],
      [new Date('2026-02-28'), 'INVALID_TYPE'],
    ])('%p → %s', (value, code) => {
      expect(one('start_date', value)).toEqual({ ok: false, code });
    });
  });

  describe('choice', () => {
    it('accepts an option value, trimmed', () => {
      expect(one('sector', ' agri ')).toEqual({ ok: true, value: 'agri' });
    });

    it.each([
      ['Tourisme', 'NOT_IN_LIST'], // the label is not the value
      ['TOURISM', 'NOT_IN_LIST'],
      ['toString', 'NOT_IN_LIST'],
      [1, 'INVALID_TYPE'],
      [['agri'], 'INVALID_TYPE'],
    ])('%p → %s', (value, code) => {
      expect(one('sector', value)).toEqual({ ok: false, code });
    });
  });

  describe('yes_no', () => {
    it('accepts true and false (false is an answer, not an absence)', () => {
      expect(one('first_request', true)).toEqual({ ok: true, value: true });
      expect(one('first_request', false)).toEqual({ ok: true, value: false });
    });

    it.each(['oui', 'true', 1, 0, {}])('%p → INVALID_TYPE', (value) => {
      expect(one('first_request', value)).toEqual({ ok: false, code: 'INVALID_TYPE' });
    });
  });

  describe('email', () => {
    it('lower-cases and trims', () => {
      expect(one('contact_email', ' Jean.Dupont@Exemple.NC')).toEqual({ ok: true, value: 'jean.dupont@exemple.nc' });
    });

    it.each([
      ['jean.dupont', 'INVALID_FORMAT'],
      ['jean@exemple', 'INVALID_FORMAT'],
      [42, 'INVALID_TYPE'],
    ])('%p → %s', (value, code) => {
      expect(one('contact_email', value)).toEqual({ ok: false, code });
    });
  });

  describe('phone_nc', () => {
    it.each([
      ['+687 25.12.34', '+687251234'],
      ['251234', '+687251234'],
      ['25 12 34', '+687251234'],
      ['25.12.34', '+687251234'],
    ])('%p → %p', (value, expected) => {
      expect(one('contact_phone', value)).toEqual({ ok: true, value: expected });
    });

    it.each([
      ['2512345', 'INVALID_FORMAT'],
      ['+33 6 12 34 56 78', 'INVALID_FORMAT'],
      [251234, 'INVALID_TYPE'],
    ])('%p → %s', (value, code) => {
      expect(one('contact_phone', value)).toEqual({ ok: false, code });
    });

    it('explains the expected format', () => {
      expect(errorsOf({ ...VALID, contact_phone: '12' })[0].message).toMatch(/6 chiffres \(ex\. 25\.12\.34\)/);
    });
  });

  describe('ridet', () => {
    it.each([
      ['0 122 531 001', '0122531001'],
      ['0.122.531', '0122531'],
      // Left-padded as the brief says (spreadsheets drop leading zeros): 6 digits are a RID, 9 a RIDET.
      ['122531', '0122531'],
      ['122531001', '0122531001'],
    ])('%p → %p', (value, expected) => {
      expect(one('ridet', value)).toEqual({ ok: true, value: expected });
    });

    it.each([
      ['0000000', 'INVALID_FORMAT'],
      ['0122531000', 'INVALID_FORMAT'],
      ['01225310012', 'INVALID_FORMAT'],
      ['0122-531-001', 'INVALID_FORMAT'],
      [122531001, 'INVALID_TYPE'],
    ])('%p → %s', (value, code) => {
      expect(one('ridet', value)).toEqual({ ok: false, code });
    });

    it('takes exactly what linking a business takes (one RIDET rule, Ridet.parse), stored in its digits form', () => {
      fc.assert(
        fc.property(fc.oneof(fc.stringMatching(/^[0-9 .]{0,14}$/), fc.string({ maxLength: 14 })), (input) => {
          const text = input.normalize('NFC').trim();
          const linked = Ridet.tryParse(text);
          const expected = linked ? { ok: true, value: linked.value } : text === '' ? { ok: true, value: undefined } : { ok: false, code: 'INVALID_FORMAT' };
          expect(one('ridet', input)).toEqual(expected);
        }),
      );
    });
  });

  describe('commune', () => {
    it('stores the official spelling', () => {
      expect(one('commune', 'ile des pins')).toEqual({ ok: true, value: 'Île des Pins' });
      expect(one('commune', 'Le Mont-Dore')).toEqual({ ok: true, value: 'Mont-Dore' });
    });

    it.each([
      ['Koné', 'NOT_IN_LIST'],
      ['Lifou', 'NOT_IN_LIST'],
      [98800, 'INVALID_TYPE'],
    ])('%p → %s', (value, code) => {
      expect(one('commune', value)).toEqual({ ok: false, code });
    });
  });

  describe('document', () => {
    it('is satisfied by an uploaded document of that type code', () => {
      expect(validateFormData(AID_FORM, VALID, { documentTypes: new Set(['KBIS']) }).ok).toBe(true);
      expect(errorsOf(VALID, { documentTypes: new Set(['kbis', 'plan']) }).map((e) => [e.field, e.code])).toEqual([['KBIS', 'REQUIRED']]);
    });

    it('fails closed when the caller passes no document set', () => {
      expect(validateFormData(AID_FORM, VALID)).toMatchObject({ ok: false, errors: [{ field: 'KBIS', code: 'REQUIRED' }] });
    });

    it('an optional document may be missing', () => {
      expect(validateFormData(AID_FORM, VALID, { documentTypes: DOCS })).toEqual({ ok: true, value: VALID });
    });

    it('is uploaded, never typed in the form', () => {
      expect(errorsOf({ ...VALID, KBIS: 'doc-123' })).toEqual([
        {
          field: 'KBIS',
          code: 'INVALID_TYPE',
          message: 'La pièce «\u00a0Libellé KBIS\u00a0» se dépose en pièce jointe, pas dans le formulaire.',
        },
      ]);
      // A blank value for a document key is harmless and dropped.
      expect(validateFormData(AID_FORM, { ...VALID, plan: null }, { documentTypes: DOCS })).toEqual({ ok: true, value: VALID });
    });
  });

  it('covers every field type in the fixture', () => {
    expect(new Set(AID_FORM.fields.map((f) => f.type))).toEqual(new Set(FORM_FIELD_TYPES));
    expect(validateFormSchema(AID_FORM)).toEqual({ ok: true, value: AID_FORM });
  });

  it('never throws on arbitrary input and always returns a well-formed result', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true }), fc.boolean(), (data, partial) => {
        const result = validateFormData(AID_FORM, data, { partial, documentTypes: DOCS });
        if (result.ok) {
          expect(Object.keys(result.value).every((k) => AID_FORM.fields.some((f) => f.key === k))).toBe(true);
        } else {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) expect(e.message).toMatch(/\S/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary values for every field', () => {
    const keys = AID_FORM.fields.map((f) => f.key);
    fc.assert(
      fc.property(fc.record(Object.fromEntries(keys.map((k) => [k, fc.anything({ withNullPrototype: true, withBigInt: true })])), { requiredKeys: [] }), (data) => {
        expect(() => validateFormData(AID_FORM, data, { documentTypes: DOCS })).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent: normalised answers validate to themselves', () => {
    const answer = fc.record(
      {
        company_name: fc.string({ minLength: 2, maxLength: 20 }),
        amount: fc.oneof(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 5_000_000 }).map(String)),
        first_request: fc.boolean(),
        contact_phone: fc.stringMatching(/^(\+687 ?)?\d{2}[ .]?\d{2}[ .]?\d{2}$/),
        ridet: fc.stringMatching(/^\d[ .]?\d{3}[ .]?\d{3}([ .]?\d{3})?$/),
        commune: fc.constantFrom('noumea', 'Dumbéa', 'MONT DORE', 'païta', 'ile-des-pins'),
      },
      { requiredKeys: ['amount', 'first_request'] },
    );
    fc.assert(
      fc.property(answer, (data) => {
        const first = validateFormData(AID_FORM, data, { partial: true });
        if (!first.ok) return; // e.g. a generated name made of spaces only: covered elsewhere
        expect(validateFormData(AID_FORM, first.value, { partial: true })).toEqual(first);
      }),
    );
  });
});

describe('validateFormSchema', () => {
  const valid = { version: 1, fields: [field('name', 'text', { required: true })] };
  const withField = (extra: Record<string, unknown>, base: Record<string, unknown> = { ...valid.fields[0] }) => ({
    version: 1,
    fields: [{ ...base, ...extra }],
  });
  const codes = (schema: unknown) => {
    const r = validateFormSchema(schema);
    return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}`);
  };

  it('accepts a well-formed schema and returns a copy', () => {
    const result = validateFormSchema(valid);
    expect(result).toEqual({ ok: true, value: valid });
    expect(result.ok && result.value.fields[0]).not.toBe(valid.fields[0]);
  });

  it('accepts an empty form (a service with nothing to fill in)', () => {
    expect(validateFormSchema({ version: 1, fields: [] }).ok).toBe(true);
  });

  it.each([
    [null, ['$:INVALID_TYPE']],
    [[], ['$:INVALID_TYPE']],
    [{}, ['version:REQUIRED', 'fields:REQUIRED']],
    [{ version: 0, fields: [] }, ['version:INVALID_FORMAT']],
    [{ version: 1.5, fields: [] }, ['version:INVALID_FORMAT']],
    [{ version: '1', fields: [] }, ['version:INVALID_FORMAT']],
    [{ version: 1, fields: {} }, ['fields:INVALID_TYPE']],
    [{ version: 1, fields: [], title: 'x' }, ['title:UNKNOWN_FIELD']],
    [{ version: 1, fields: ['name'] }, ['fields[0]:INVALID_TYPE']],
  ])('top level %p → %p', (schema, expected) => {
    expect(codes(schema)).toEqual(expected);
  });

  it.each([
    [{ key: undefined }, ['fields[0].key:REQUIRED']],
    [{ key: '1st' }, ['fields[0].key:INVALID_FORMAT']],
    [{ key: 'nom complet' }, ['fields[0].key:INVALID_FORMAT']],
    [{ key: '__proto__' }, ['fields[0].key:INVALID_FORMAT']],
    [{ key: 'a'.repeat(65) }, ['fields[0].key:INVALID_FORMAT']],
    [{ key: 7 }, ['fields[0].key:INVALID_FORMAT']],
    [{ type: undefined }, ['fields[0].type:REQUIRED']],
    [{ type: 'signature' }, ['fields[0].type:NOT_IN_LIST']],
    [{ label: undefined }, ['fields[0].label:REQUIRED']],
    [{ label: '  ' }, ['fields[0].label:REQUIRED']],
    [{ label: 3 }, ['fields[0].label:INVALID_TYPE']],
    [{ label: 'x'.repeat(201) }, ['fields[0].label:TOO_LONG']],
    [{ required: undefined }, ['fields[0].required:REQUIRED']],
    [{ required: 'oui' }, ['fields[0].required:INVALID_TYPE']],
    [{ help: '' }, ['fields[0].help:TOO_SHORT']],
    [{ help: 1 }, ['fields[0].help:INVALID_TYPE']],
    [{ placeholder: 'x' }, ['fields[0].placeholder:UNKNOWN_FIELD']],
    [{ minLength: -1 }, ['fields[0].minLength:TOO_SMALL']],
    [{ maxLength: 0 }, ['fields[0].maxLength:TOO_SMALL']],
    [{ maxLength: 2.5 }, ['fields[0].maxLength:INVALID_FORMAT']],
    [{ maxLength: TEXT_MAX_LENGTH + 1 }, ['fields[0].maxLength:TOO_LARGE']],
    [{ minLength: 10, maxLength: 5 }, ['fields[0].minLength:INVALID_RANGE']],
    [{ minLength: TEXT_MAX_LENGTH + 1 }, ['fields[0].minLength:INVALID_RANGE']],
    [{ min: 1 }, ['fields[0].min:NOT_APPLICABLE']],
    [{ options: [{ value: 'a', label: 'A' }] }, ['fields[0].options:NOT_APPLICABLE']],
  ])('field %p → %p', (extra, expected) => {
    expect(codes(withField(extra))).toEqual(expected);
  });

  it('accepts long_text up to its own ceiling', () => {
    expect(codes(withField({ type: 'long_text', maxLength: LONG_TEXT_MAX_LENGTH }))).toEqual([]);
    expect(codes(withField({ type: 'long_text', maxLength: LONG_TEXT_MAX_LENGTH + 1 }))).toEqual(['fields[0].maxLength:TOO_LARGE']);
  });

  it.each([
    [{ type: 'integer', min: -10, max: 10 }, []],
    [{ type: 'integer', min: 10, max: 1 }, ['fields[0].min:INVALID_RANGE']],
    [{ type: 'integer', max: 1e300 }, ['fields[0].max:INVALID_FORMAT']],
    [{ type: 'amount_xpf', max: 1_000_000 }, []],
    [{ type: 'amount_xpf', min: -1 }, ['fields[0].min:TOO_SMALL']],
    [{ type: 'amount_xpf', max: -1 }, ['fields[0].max:TOO_SMALL']],
    [{ type: 'amount_xpf', max: 10.5 }, ['fields[0].max:INVALID_FORMAT']],
    [{ type: 'amount_xpf', maxLength: 5 }, ['fields[0].maxLength:NOT_APPLICABLE']],
  ])('numbers %p → %p', (extra, expected) => {
    expect(codes(withField(extra))).toEqual(expected);
  });

  it.each([
    [{ type: 'choice' }, ['fields[0].options:MISSING_OPTIONS']],
    [{ type: 'choice', options: [] }, ['fields[0].options:MISSING_OPTIONS']],
    [{ type: 'choice', options: 'a,b' }, ['fields[0].options:INVALID_TYPE']],
    [{ type: 'choice', options: ['a'] }, ['fields[0].options[0]:INVALID_TYPE']],
    [{ type: 'choice', options: [{ value: 'a', label: 'A' }, { value: 'a', label: 'B' }] }, ['fields[0].options[1].value:DUPLICATE_OPTION']],
    [{ type: 'choice', options: [{ value: ' a', label: 'A' }] }, ['fields[0].options[0].value:INVALID_FORMAT']],
    [{ type: 'choice', options: [{ value: '', label: 'A' }] }, ['fields[0].options[0].value:INVALID_FORMAT']],
    [{ type: 'choice', options: [{ value: 1, label: 'A' }] }, ['fields[0].options[0].value:INVALID_FORMAT']],
    [{ type: 'choice', options: [{ value: 'a' }] }, ['fields[0].options[0].label:REQUIRED']],
    [{ type: 'choice', options: [{ value: 'a', label: 'A', color: 'red' }] }, ['fields[0].options[0].color:UNKNOWN_FIELD']],
    [{ type: 'choice', options: [{ value: 'a', label: 'A' }] }, []],
  ])('choice %p → %p', (extra, expected) => {
    expect(codes(withField(extra))).toEqual(expected);
  });

  it('refuses duplicate keys, case-insensitively, naming the first one', () => {
    const result = validateFormSchema({ version: 1, fields: [field('kbis', 'document'), field('name', 'text'), field('KBIS', 'document')] });
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'fields[2].key', code: 'DUPLICATE_KEY', message: 'La clé «\u00a0KBIS\u00a0» est déjà utilisée par le champ n° 1.' }],
    });
  });

  it('reports errors of several fields at once', () => {
    expect(codes({ version: 1, fields: [{ key: 'a', type: 'text', label: 'A' }, { key: 'b', type: 'nope', label: 'B', required: true }] })).toEqual([
      'fields[0].required:REQUIRED',
      'fields[1].type:NOT_IN_LIST',
    ]);
  });

  it('every field type has a valid minimal definition', () => {
    for (const type of FORM_FIELD_TYPES) {
      const extra = type === 'choice' ? { options: [{ value: 'a', label: 'A' }] } : {};
      expect(codes({ version: 1, fields: [field('f', type, extra)] })).toEqual([]);
    }
  });

  it('never throws on arbitrary input', () => {
    const fieldLike = fc.record(
      {
        key: fc.oneof(fc.string(), fc.anything()),
        type: fc.oneof(fc.constantFrom(...FORM_FIELD_TYPES), fc.anything()),
        label: fc.oneof(fc.string(), fc.anything()),
        required: fc.oneof(fc.boolean(), fc.anything()),
        minLength: fc.anything(),
        maxLength: fc.anything(),
        min: fc.anything(),
        max: fc.anything(),
        options: fc.oneof(fc.array(fc.record({ value: fc.anything(), label: fc.anything() }, { requiredKeys: [] })), fc.anything()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withNullPrototype: true }), fc.record({ version: fc.anything(), fields: fc.array(fieldLike) })), (schema) => {
        const result = validateFormSchema(schema);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('whatever it accepts, validateFormData can use without throwing', () => {
    const fieldDef = fc.record({
      key: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
      type: fc.constantFrom(...FORM_FIELD_TYPES),
      label: fc.string({ minLength: 1 }),
      required: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fieldDef, { maxLength: 6 }), fc.anything(), (fields, data) => {
        const withOptions = fields.map((f) => (f.type === 'choice' ? { ...f, options: [{ value: 'a', label: 'A' }] } : f));
        const schema = validateFormSchema({ version: 1, fields: withOptions });
        if (!schema.ok) return;
        expect(() => validateFormData(schema.value, data)).not.toThrow();
      }),
    );
  });
});

describe('requested amount marker', () => {
  const codes = (fields: unknown[]) => {
    const r = validateFormSchema({ version: 1, fields });
    return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}`);
  };

  it('marks the amount_xpf field holding the sum asked for, and finds it', () => {
    const result = validateFormSchema({ version: 1, fields: [field('loyer', 'amount_xpf'), field('montant', 'amount_xpf', { requestedAmount: true, max: 3_000_000 })] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.fields[1]).toEqual(field('montant', 'amount_xpf', { requestedAmount: true, max: 3_000_000 }));
    expect(requestedAmountField(result.value)?.key).toBe('montant');
  });

  it('stores false as absent, and a form without the marker has no requested amount', () => {
    const result = validateFormSchema({ version: 1, fields: [{ ...field('loyer', 'amount_xpf'), requestedAmount: false }] });
    expect(result.ok && result.value.fields[0]).toEqual(field('loyer', 'amount_xpf'));
    expect(result.ok && requestedAmountField(result.value)).toBeUndefined();
  });

  it.each([
    [[{ ...field('n', 'integer'), requestedAmount: true }], ['fields[0].requestedAmount:NOT_APPLICABLE']],
    [[{ ...field('m', 'amount_xpf'), requestedAmount: 'oui' }], ['fields[0].requestedAmount:INVALID_TYPE']],
    [
      [
        { ...field('a', 'amount_xpf'), requestedAmount: true },
        { ...field('b', 'amount_xpf'), requestedAmount: true },
      ],
      ['fields[1].requestedAmount:DUPLICATE_REQUESTED_AMOUNT'],
    ],
  ])('refuses %p → %p', (fields, expected) => {
    expect(codes(fields)).toEqual(expected);
  });
});
