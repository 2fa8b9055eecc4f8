import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { formErrors, isApiError } from '../../../lib/api/errors';
import { textOf } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/page-title';
import { type MfaChallenge, useVerifySecondFactor } from '../api/auth';
import { CodeInput } from './CodeInput';
import { RestartSignIn } from './RestartSignIn';
import { StepHeading } from './StepHeading';

interface Props {
  challenge: MfaChallenge;
  onSignedIn: () => void;
  onRestart: () => void;
}

/** Sign-in's second step: the code of the authenticator app, or one of the recovery codes. */
export function SecondFactorStep({ challenge, onSignedIn, onRestart }: Props) {
  const verify = useVerifySecondFactor();
  const [withRecoveryCode, setWithRecoveryCode] = useState(false);
  const expired = isApiError(verify.error, 'INVALID_TOKEN');
  const errors: { message?: string; fields: Record<string, string> } = verify.isError ? formErrors(verify.error) : { fields: {} };
  usePageTitle(verify.isError ? 'Erreur — Code de vérification' : 'Code de vérification');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const proof = withRecoveryCode ? { recoveryCode: textOf(form, 'recoveryCode') } : { code: textOf(form, 'code') };
    verify.mutate({ mfaToken: challenge.mfaToken, ...proof }, { onSuccess: onSignedIn });
  }

  function switchProof() {
    verify.reset();
    setWithRecoveryCode((current) => !current);
  }

  return (
    <>
      <StepHeading>Code de vérification</StepHeading>
      {verify.isError && (
        <ErrorSummary
          fields={errors.fields}
          message={expired ? 'Le délai pour saisir le code est dépassé : recommencez la connexion.' : isApiError(verify.error, 'INVALID_MFA_CODE') ? 'Ce code n’est pas valide. Vérifiez-le et réessayez.' : errors.message}
        />
      )}
      <form className="form" onSubmit={onSubmit} noValidate>
        {withRecoveryCode ? (
          <Field name="recoveryCode" label="Code de secours" hint="Un des codes reçus à l’activation de la vérification en deux étapes. Chacun ne sert qu’une fois." error={errors.fields.recoveryCode}>
            {(control) => <input {...control} className="input" autoComplete="off" spellCheck={false} autoCapitalize="none" required />}
          </Field>
        ) : (
          <Field name="code" label="Code à 6 chiffres" hint="Ouvrez votre application d’authentification et saisissez le code affiché pour le portail." error={errors.fields.code}>
            {(control) => <CodeInput control={control} />}
          </Field>
        )}
        <div className="actions">
          <Button type="submit" disabled={verify.isPending || expired}>
            {verify.isPending ? 'Vérification…' : 'Valider'}
          </Button>
          <Button variant="link" onClick={switchProof}>
            {withRecoveryCode ? 'Utiliser l’application d’authentification' : 'Utiliser un code de secours'}
          </Button>
        </div>
      </form>
      <RestartSignIn onRestart={onRestart} />
    </>
  );
}
