import { describedBy, Field, FieldMessages, fieldId } from '../../../components/Field';
import { PROVINCE_SUD_COMMUNES } from '../../../lib/territory';
import type { FormField } from '../api/requests';

interface Props {
  field: FormField;
  value: string | boolean | undefined;
  error?: string;
  onChange: (value: string | boolean | undefined) => void;
}

const HINTS: Partial<Record<FormField['type'], string>> = {
  amount_xpf: 'En francs CFP, sans décimales.',
  phone_nc: '6 chiffres, par exemple 25.12.34.',
  ridet: '7 chiffres du RID et 3 du rang, par exemple 0 122 531 001.',
  date: 'Par exemple 24/09/2026.',
};

/** One question of a service's form (libs/catalogue/src/form-schema.ts), every type but documents. */
export function FormFieldInput({ field, value, error, onChange }: Props) {
  const label = field.required ? field.label : `${field.label} (facultatif)`;
  const hint = field.help ?? HINTS[field.type];
  const text = typeof value === 'string' ? value : '';
  const set = (next: string) => onChange(next === '' ? undefined : next);

  if (field.type === 'yes_no' || field.type === 'choice') {
    const options = field.type === 'yes_no' ? [{ value: 'true', label: 'Oui' }, { value: 'false', label: 'Non' }] : (field.options ?? []);
    const current = typeof value === 'boolean' ? String(value) : text;
    const id = fieldId(field.key);
    return (
      <div className={error ? 'field field--error' : 'field'}>
        <fieldset className="fieldset" aria-describedby={describedBy(id, hint, error)}>
          <legend className="field__label">{label}</legend>
          <FieldMessages id={id} hint={hint} error={error} />
          <div className={field.type === 'yes_no' ? 'radios' : 'radios radios--stacked'}>
            {options.map((option, i) => (
              <label key={option.value} className="radio">
                <input
                  type="radio"
                  id={i === 0 ? id : undefined}
                  name={field.key}
                  value={option.value}
                  checked={current === option.value}
                  onChange={() => onChange(field.type === 'yes_no' ? option.value === 'true' : option.value)}
                />
                {option.label}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
    );
  }

  return (
    <Field name={field.key} label={label} hint={hint} error={error}>
      {(control) => {
        switch (field.type) {
          case 'long_text':
            return <textarea {...control} className="input textarea" rows={5} maxLength={field.maxLength} value={text} onChange={(e) => set(e.target.value)} />;
          case 'commune':
            return (
              <select {...control} className="select" value={text} onChange={(e) => set(e.target.value)}>
                <option value="">Choisir une commune</option>
                {PROVINCE_SUD_COMMUNES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            );
          case 'date':
            return <input {...control} className="input input--short" type="date" value={text} onChange={(e) => set(e.target.value)} />;
          case 'integer':
          case 'amount_xpf':
            return <input {...control} className="input input--short" type="text" inputMode="numeric" value={text} onChange={(e) => set(e.target.value)} />;
          case 'email':
            return <input {...control} className="input" type="email" autoComplete="email" spellCheck={false} value={text} onChange={(e) => set(e.target.value)} />;
          case 'phone_nc':
            return <input {...control} className="input input--short" type="tel" autoComplete="tel" inputMode="tel" value={text} onChange={(e) => set(e.target.value)} />;
          case 'ridet':
            return <input {...control} className="input input--short" type="text" inputMode="numeric" value={text} onChange={(e) => set(e.target.value)} />;
          case 'text':
          case 'document':
          case 'yes_no':
          case 'choice':
            return <input {...control} className="input" type="text" maxLength={field.maxLength} value={text} onChange={(e) => set(e.target.value)} />;
        }
      }}
    </Field>
  );
}
