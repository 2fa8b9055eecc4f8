import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { formErrors, isApiError } from '../../../lib/api/errors';
import { textOf } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/page-title';
import { replaceSession } from '../../../lib/session';
import { type MfaChallenge, useConfirmEnrolment, useEnrolment } from '../api/auth';
import { CodeInput } from './CodeInput';
import { RestartSignIn } from './RestartSignIn';
import { StepHeading } from './StepHeading';

interface Props {
  challenge: MfaChallenge;
  onSignedIn: () => void;
  onRestart: () => void;
}

/**
 * A staff account's first sign-in: scan the QR code (or type the key), give the first code, then
 * read the recovery codes — shown once — before the session starts.
 */
export function EnrolmentStep({ challenge, onSignedIn, onRestart }: Props) {
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  return recoveryCodes ? <RecoveryCodes codes={recoveryCodes} onDone={onSignedIn} /> : <ScanAndConfirm challenge={challenge} onConfirmed={setRecoveryCodes} onRestart={onRestart} />;
}

function ScanAndConfirm({ challenge, onConfirmed, onRestart }: { challenge: MfaChallenge; onConfirmed: (codes: string[]) => void; onRestart: () => void }) {
  const enrolment = useEnrolment(challenge.mfaToken);
  const confirm = useConfirmEnrolment();
  const failure = confirm.error ?? enrolment.error;
  const expired = isApiError(failure, 'INVALID_TOKEN');
  const errors: { message?: string; fields: Record<string, string> } = failure ? formErrors(failure) : { fields: {} };
  usePageTitle(failure ? 'Erreur — Activer la vérification en deux étapes' : 'Activer la vérification en deux étapes');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = textOf(new FormData(event.currentTarget), 'code');
    confirm.mutate({ mfaToken: challenge.mfaToken, code }, { onSuccess: onConfirmed });
  }

  return (
    <>
      <StepHeading>Activer la vérification en deux étapes</StepHeading>
      <p>Votre compte donne accès aux dossiers des usagers : chaque connexion demande, après le mot de passe, un code à usage unique produit par une application d’authentification de votre téléphone.</p>
      {failure && (
        <ErrorSummary
          fields={errors.fields}
          message={expired ? 'Le délai est dépassé : recommencez la connexion.' : isApiError(failure, 'INVALID_MFA_CODE') ? 'Ce code n’est pas valide. Vérifiez l’heure de votre téléphone et réessayez.' : errors.message}
        />
      )}
      {enrolment.isPending && <Loading />}
      {enrolment.data && (
        <>
          <ol className="steps">
            <li>Installez une application d’authentification (par exemple celle de votre gestionnaire de mots de passe).</li>
            <li>
              Scannez ce code QR avec l’application.
              <br />
              <img src={enrolment.data.qrCodeDataUrl} alt="Code QR à scanner avec l’application d’authentification" width={200} height={200} />
              <br />
              Sans appareil photo, saisissez cette clé dans l’application : <code className="secret-key">{groupsOfFour(enrolment.data.secret)}</code>
            </li>
            <li>Saisissez ci-dessous le code à 6 chiffres que l’application affiche.</li>
          </ol>
          <form className="form" onSubmit={onSubmit} noValidate>
            <Field name="code" label="Code à 6 chiffres" error={errors.fields.code}>
              {(control) => <CodeInput control={control} />}
            </Field>
            <Button type="submit" disabled={confirm.isPending || expired}>
              {confirm.isPending ? 'Activation…' : 'Activer et se connecter'}
            </Button>
          </form>
        </>
      )}
      <RestartSignIn onRestart={onRestart} />
    </>
  );
}

/** The key as authenticator apps print it: groups of four, which they accept typed with the spaces. */
function groupsOfFour(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const client = useQueryClient();
  const [leaving, setLeaving] = useState(false);
  usePageTitle('Vos codes de secours');

  async function carryOn() {
    setLeaving(true);
    await replaceSession(client);
    onDone();
  }

  return (
    <>
      <StepHeading>Vos codes de secours</StepHeading>
      <Notice kind="warning" title="Notez ces codes maintenant : ils ne seront plus affichés.">
        <p>Si vous perdez votre téléphone, chacun de ces codes remplace une fois le code de l’application. Gardez-les en lieu sûr, hors de ce poste.</p>
      </Notice>
      <ul className="recovery-codes" aria-label="Codes de secours">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <Button onClick={() => void carryOn()} disabled={leaving}>
        J’ai noté mes codes, continuer
      </Button>
    </>
  );
}
