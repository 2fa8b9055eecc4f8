import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { ApiError, formErrors } from '../../../lib/api/errors';
import { textOf } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/page-title';
import { safeReturnPath } from '../../../lib/return-path';
import { type MfaChallenge, useSignIn } from '../api/auth';
import { EnrolmentStep } from '../components/EnrolmentStep';
import { PasswordInput } from '../components/PasswordInput';
import { ProviderButtons } from '../components/ProviderButtons';
import { SecondFactorStep } from '../components/SecondFactorStep';

function signInMessage(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'INVALID_CREDENTIALS':
        return 'L’adresse électronique ou le mot de passe est incorrect.';
      case 'EMAIL_NOT_VERIFIED':
        return 'Votre adresse n’est pas encore confirmée : ouvrez le lien du courriel reçu à l’inscription.';
      default:
        return error.message;
    }
  }
  return formErrors(error).message;
}

/** The password, then — for staff, or anyone who turned it on — the second factor, or its enrolment. */
export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  const back = safeReturnPath(params.get('retour'));
  const signedIn = () => void navigate(back, { replace: true });

  if (!challenge) return <PasswordStep returnPath={back} onSignedIn={signedIn} onChallenge={setChallenge} />;
  const Step = challenge.enrolmentRequired ? EnrolmentStep : SecondFactorStep;
  return <Step challenge={challenge} onSignedIn={signedIn} onRestart={() => setChallenge(null)} />;
}

function PasswordStep({ returnPath, onSignedIn, onChallenge }: { returnPath: string; onSignedIn: () => void; onChallenge: (challenge: MfaChallenge) => void }) {
  const [params] = useSearchParams();
  const signIn = useSignIn();
  usePageTitle(signIn.isError ? 'Erreur — Se connecter' : 'Se connecter');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signIn.mutate({ email: textOf(form, 'email'), password: textOf(form, 'password') }, { onSuccess: (challenge) => (challenge ? onChallenge(challenge) : onSignedIn()) });
  }

  return (
    <>
      <h1>Se connecter</h1>
      {params.get('deconnecte') && (
        <Notice kind="success" live>
          <p>Vous êtes déconnecté.</p>
        </Notice>
      )}
      {params.get('retour') && !signIn.isError && (
        <Notice>
          <p>Connectez-vous pour accéder à cette page.</p>
        </Notice>
      )}
      {signIn.isError && <ErrorSummary message={signInMessage(signIn.error)} />}
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field name="email" label="Adresse électronique">
          {(control) => <input {...control} className="input" type="email" autoComplete="username" spellCheck={false} required />}
        </Field>
        <Field name="password" label="Mot de passe">
          {(control) => <PasswordInput control={control} autoComplete="current-password" />}
        </Field>
        <Button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? 'Connexion…' : 'Se connecter'}
        </Button>
      </form>
      <ProviderButtons returnPath={returnPath} />
      <p>
        <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
      </p>
      <p>
        Pas encore de compte ? <Link to="/inscription">Créer un compte</Link>.
      </p>
    </>
  );
}
