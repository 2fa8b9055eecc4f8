import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { formErrors } from '../../../lib/api/errors';
import { textOf } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/page-title';
import { useRegister } from '../api/auth';
import { PasswordInput } from '../components/PasswordInput';
import { PasswordRules } from '../components/PasswordRules';

export function RegisterPage() {
  const register = useRegister();
  const [sentTo, setSentTo] = useState<string | null>(null);
  usePageTitle(sentTo ? 'Vérifiez votre messagerie' : register.isError ? 'Erreur — Créer un compte' : 'Créer un compte');
  const errors = register.isError ? formErrors(register.error) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      firstName: textOf(form, 'firstName'),
      lastName: textOf(form, 'lastName'),
      email: textOf(form, 'email'),
      password: textOf(form, 'password'),
    };
    register.mutate(body, { onSuccess: () => setSentTo(body.email) });
  }

  if (sentTo) {
    return (
      <>
        <h1>Vérifiez votre messagerie</h1>
        <Notice kind="success" live title="Votre demande de compte est enregistrée.">
          <p>
            Si l’adresse <strong>{sentTo}</strong> peut être utilisée, un courriel vient de lui être envoyé. Ouvrez le lien qu’il contient pour
            confirmer votre adresse : vous serez alors connecté à votre compte.
          </p>
        </Notice>
        <p>Le lien est valable 48 heures. Pensez à regarder dans les courriels indésirables.</p>
      </>
    );
  }

  return (
    <>
      <h1>Créer un compte provincial</h1>
      <p>Un seul compte pour toutes vos démarches auprès de la province Sud.</p>
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field name="firstName" label="Prénom" error={errors?.fields.firstName}>
          {(control) => <input {...control} className="input" type="text" autoComplete="given-name" required />}
        </Field>
        <Field name="lastName" label="Nom" error={errors?.fields.lastName}>
          {(control) => <input {...control} className="input" type="text" autoComplete="family-name" required />}
        </Field>
        <Field name="email" label="Adresse électronique" hint="Nous y enverrons un lien pour la confirmer." error={errors?.fields.email}>
          {(control) => <input {...control} className="input" type="email" autoComplete="email" spellCheck={false} required />}
        </Field>
        <Field name="password" label="Mot de passe" hint={<PasswordRules />} error={errors?.fields.password}>
          {(control) => <PasswordInput control={control} autoComplete="new-password" />}
        </Field>
        <Button type="submit" disabled={register.isPending}>
          {register.isPending ? 'Création en cours…' : 'Créer mon compte'}
        </Button>
      </form>
      <p>
        Vous avez déjà un compte ? <Link to="/connexion">Connectez-vous</Link>.
      </p>
    </>
  );
}
