import { useState } from 'react';
import type { ControlProps } from '../../../components/Field';

/** A password field with a button to show what was typed (helps on a phone keyboard). */
export function PasswordInput({ control, autoComplete }: { control: ControlProps; autoComplete: 'current-password' | 'new-password' }) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-input">
      <input {...control} className="input" type={visible ? 'text' : 'password'} autoComplete={autoComplete} required spellCheck={false} />
      <button type="button" className="btn btn--secondary btn--small" aria-controls={control.id} aria-pressed={visible} onClick={() => setVisible((v) => !v)}>
        {visible ? 'Masquer' : 'Afficher'}
        <span className="visually-hidden"> le mot de passe</span>
      </button>
    </div>
  );
}
