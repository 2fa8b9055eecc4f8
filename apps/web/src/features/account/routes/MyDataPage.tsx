import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { ApiError, formErrors } from '../../../lib/api/errors';
import { textOf } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/page-title';
import { PERSONAL_DATA_URL, useEraseAccount } from '../api/account';
import { AccountNav } from '../components/AccountNav';

function erasureError(error: unknown): { message: string; fields: Record<string, string> } {
  if (error instanceof ApiError && error.code === 'WRONG_PASSWORD') return { message: 'Le mot de passe est incorrect.', fields: { password: 'Le mot de passe est incorrect.' } };
  if (error instanceof ApiError && error.code === 'ERASURE_NOT_ALLOWED') return { message: 'Les comptes des agents ne peuvent pas être supprimés ici.', fields: {} };
  return formErrors(error);
}

export function MyDataPage() {
  const erase = useEraseAccount();
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  usePageTitle(erase.isError ? 'Erreur — Mes données' : 'Mes données');
  const errors = erase.isError ? erasureError(erase.error) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    erase.mutate(textOf(new FormData(event.currentTarget), 'password'), { onSuccess: () => void navigate('/compte-supprime', { replace: true }) });
  }

  return (
    <>
      <h1>Mes données</h1>
      <AccountNav />
      <h2>Télécharger mes données</h2>
      <p>Un fichier JSON avec tout ce que le portail conserve sur vous : profil, demandes, messages, notifications.</p>
      <p>
        <a className="btn btn--secondary" href={PERSONAL_DATA_URL} download>
          Télécharger mes données
        </a>
      </p>
      <h2>Supprimer mon compte</h2>
      <p>
        La suppression est définitive. Vos brouillons sont supprimés ; les demandes déjà déposées sont conservées sans votre nom. Vous serez déconnecté
        partout.
      </p>
      {!confirming ? (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Supprimer mon compte
        </Button>
      ) : (
        <>
          {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
          <form className="form" onSubmit={onSubmit} noValidate>
            <Field name="password" label="Votre mot de passe" hint="Pour confirmer qu’il s’agit bien de vous." error={errors?.fields.password}>
              {(control) => <input {...control} className="input" type="password" autoComplete="current-password" required />}
            </Field>
            <div className="actions">
              <Button type="submit" variant="danger" disabled={erase.isPending}>
                Supprimer définitivement mon compte
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                Annuler
              </Button>
            </div>
          </form>
        </>
      )}
    </>
  );
}
