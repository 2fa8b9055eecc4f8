import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { formErrors, isApiError } from '../../../lib/api/errors';
import { textOf } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/page-title';
import { useResetPassword } from '../api/auth';
import { PasswordInput } from '../components/PasswordInput';
import { PasswordRules } from '../components/PasswordRules';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useResetPassword();
  usePageTitle(reset.isSuccess ? 'Mot de passe modifié' : 'Choisir un nouveau mot de passe');
  const errors = reset.isError ? formErrors(reset.error) : null;
  if (errors && isApiError(reset.error, 'INVALID_TOKEN')) errors.message = 'Le lien a expiré ou a déjà été utilisé. Demandez-en un nouveau.';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset.mutate({ token, password: textOf(new FormData(event.currentTarget), 'password') });
  }

  if (reset.isSuccess) {
    return (
      <>
        <h1>Mot de passe modifié</h1>
        <Notice kind="success" live>
          <p>Votre mot de passe a été changé et vos autres sessions ont été fermées.</p>
        </Notice>
        <p>
          <Link className="btn btn--primary" to="/connexion">
            Se connecter
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Choisir un nouveau mot de passe</h1>
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
      {!token && (
        <Notice kind="error">
          <p>
            Ce lien est incomplet. <Link to="/mot-de-passe-oublie">Demandez un nouveau lien</Link>.
          </p>
        </Notice>
      )}
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field name="password" label="Nouveau mot de passe" hint={<PasswordRules />} error={errors?.fields.password}>
          {(control) => <PasswordInput control={control} autoComplete="new-password" />}
        </Field>
        <Button type="submit" disabled={reset.isPending || !token}>
          Enregistrer le mot de passe
        </Button>
      </form>
    </>
  );
}
