import type { FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { formErrors } from '../../../lib/api/errors';
import { textOf } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/page-title';
import { useForgotPassword } from '../api/auth';

export function ForgotPasswordPage() {
  const forgot = useForgotPassword();
  usePageTitle(forgot.isSuccess ? 'Courriel envoyé' : 'Mot de passe oublié');
  const errors = forgot.isError ? formErrors(forgot.error) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    forgot.mutate(textOf(new FormData(event.currentTarget), 'email'));
  }

  if (forgot.isSuccess) {
    return (
      <>
        <h1>Courriel envoyé</h1>
        <Notice kind="success" live>
          <p>Si un compte existe pour cette adresse, un courriel de réinitialisation vient d’être envoyé. Le lien est valable une heure.</p>
        </Notice>
      </>
    );
  }
  return (
    <>
      <h1>Mot de passe oublié</h1>
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field name="email" label="Adresse électronique" hint="Celle de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe." error={errors?.fields.email}>
          {(control) => <input {...control} className="input" type="email" autoComplete="email" spellCheck={false} required />}
        </Field>
        <Button type="submit" disabled={forgot.isPending}>
          Recevoir le lien
        </Button>
      </form>
    </>
  );
}
