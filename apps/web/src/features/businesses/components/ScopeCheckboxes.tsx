import { DIRECTORATES } from './labels';

/** Which directorates a mandate covers; none ticked means all of them. */
export function ScopeCheckboxes({ name, legend, defaultValue }: { name: string; legend: string; defaultValue?: string[] | null }) {
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <p className="field__hint">Ne cochez rien pour toutes les directions.</p>
      {DIRECTORATES.map((d) => (
        <div key={d.code}>
          <label className="radio">
            <input type="checkbox" name={name} value={d.code} defaultChecked={defaultValue?.includes(d.code) ?? false} />
            {d.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
