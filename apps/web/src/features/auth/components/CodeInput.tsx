import type { ControlProps } from '../../../components/Field';

/** A one-time code: digits, filled in by the phone's keyboard or the password manager. */
export function CodeInput({ control }: { control: ControlProps }) {
  return <input {...control} className="input input--short" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} spellCheck={false} required />;
}
