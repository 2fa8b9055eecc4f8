import { Field, fieldId } from '../../../components/Field';
import type { FormField } from '../api/admin';
import { FIELD_TYPE_LABELS } from './labels';

interface Props {
  field: FormField;
  index: number;
  count: number;
  errors: Record<string, string>;
  onChange: (field: FormField) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}

const NUMBER_TYPES: FormField['type'][] = ['integer', 'amount_xpf'];
const TEXT_TYPES: FormField['type'][] = ['text', 'long_text'];

/** Choices as the editor writes them: one a line, `valeur | Libellé` (or the label alone). */
function optionsToText(options: FormField['options']): string {
  return (options ?? []).map((o) => (o.value === o.label ? o.label : `${o.value} | ${o.label}`)).join('\n');
}

function textToOptions(text: string): NonNullable<FormField['options']> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [value, ...label] = line.split('|');
      return label.length > 0 ? { value: value.trim(), label: label.join('|').trim() } : { value: line, label: line };
    });
}

const toNumber = (text: string): number | undefined => (text.trim() === '' || Number.isNaN(Number(text)) ? undefined : Number(text));

/** One question of a service's form in the editor; control names are the API's error paths. */
export function FieldEditor({ field, index, count, errors, onChange, onMove, onRemove }: Props) {
  const path = `formSchema.fields[${index}]`;
  const number = index + 1;
  const set = (patch: Partial<FormField>) => onChange({ ...field, ...patch });
  const error = (prop: string) => errors[`${path}.${prop}`];

  function changeType(type: FormField['type']) {
    // Only the properties the new type knows are kept: the API refuses the others.
    const { key, label, required, help } = field;
    onChange({ key, label, required, ...(help ? { help } : {}), type, ...(type === 'choice' ? { options: field.options ?? [] } : {}) });
  }

  return (
    <fieldset className="fieldset field-editor">
      <legend>
        Question n° {number}
        {field.label && ` : ${field.label}`}
      </legend>
      <Field name={`${path}.label`} label="Libellé" error={error('label')}>
        {(control) => <input {...control} className="input" value={field.label} onChange={(e) => set({ label: e.target.value })} />}
      </Field>
      <Field name={`${path}.key`} label="Clé" hint="Lettres, chiffres et _ ; pour une pièce, le code du type de document." error={error('key')}>
        {(control) => <input {...control} className="input" spellCheck={false} autoComplete="off" value={field.key} onChange={(e) => set({ key: e.target.value })} />}
      </Field>
      <Field name={`${path}.type`} label="Type de réponse" error={error('type')}>
        {(control) => (
          <select {...control} className="select" value={field.type} onChange={(e) => changeType(e.target.value as FormField['type'])}>
            {Object.entries(FIELD_TYPE_LABELS).map(([type, label]) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name={`${path}.required`} checked={field.required} onChange={(e) => set({ required: e.target.checked })} /> Réponse obligatoire
        </label>
      </div>
      <Field name={`${path}.help`} label="Aide (facultatif)" hint="Affichée sous le libellé, avant le champ." error={error('help')}>
        {(control) => <input {...control} className="input" value={field.help ?? ''} onChange={(e) => set({ help: e.target.value === '' ? undefined : e.target.value })} />}
      </Field>
      {field.type === 'choice' && (
        <Field name={`${path}.options`} label="Choix proposés" hint="Un par ligne : « valeur | Libellé », ou le libellé seul." error={error('options')}>
          {(control) => (
            <textarea {...control} className="input textarea" rows={4} defaultValue={optionsToText(field.options)} onChange={(e) => set({ options: textToOptions(e.target.value) })} />
          )}
        </Field>
      )}
      {NUMBER_TYPES.includes(field.type) && (
        <div className="inline-fields">
          <Field name={`${path}.min`} label="Minimum (facultatif)" error={error('min')}>
            {(control) => <input {...control} className="input input--short" inputMode="numeric" value={field.min ?? ''} onChange={(e) => set({ min: toNumber(e.target.value) })} />}
          </Field>
          <Field name={`${path}.max`} label="Maximum (facultatif)" error={error('max')}>
            {(control) => <input {...control} className="input input--short" inputMode="numeric" value={field.max ?? ''} onChange={(e) => set({ max: toNumber(e.target.value) })} />}
          </Field>
        </div>
      )}
      {TEXT_TYPES.includes(field.type) && (
        <Field name={`${path}.maxLength`} label="Longueur maximale (facultatif)" error={error('maxLength')}>
          {(control) => <input {...control} className="input input--short" inputMode="numeric" value={field.maxLength ?? ''} onChange={(e) => set({ maxLength: toNumber(e.target.value) })} />}
        </Field>
      )}
      <div className="inline-actions">
        <button id={`${fieldId(path)}-monter`} type="button" className="btn btn--secondary btn--small" disabled={index === 0} onClick={() => onMove(-1)}>
          Monter<span className="visually-hidden"> la question n° {number}</span>
        </button>
        <button id={`${fieldId(path)}-descendre`} type="button" className="btn btn--secondary btn--small" disabled={index === count - 1} onClick={() => onMove(1)}>
          Descendre<span className="visually-hidden"> la question n° {number}</span>
        </button>
        <button type="button" className="btn btn--danger btn--small" onClick={onRemove}>
          Supprimer<span className="visually-hidden"> la question n° {number}</span>
        </button>
      </div>
    </fieldset>
  );
}
