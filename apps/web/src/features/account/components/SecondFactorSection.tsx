import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { formErrors } from '../../../lib/api/errors';
import { textOf } from '../../../lib/forms';
import { useConfirmEnrolment, useDisableSecondFactor, useSecondFactorStatus, useStartEnrolment } from '../api/security';

const SIX_DIGITS = /^\d{6}$/;

/** Turning the second factor on (QR code, first code, recovery codes shown once) or off. */
export function SecondFactorSection() {
  const status = useSecondFactorStatus();
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const disable = useDisableSecondFactor();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const codesRef = useRef<HTMLDivElement>(null);
  useEffect(() => codesRef.current?.focus(), [recoveryCodes]);

  function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    confirm.mutate(textOf(new FormData(event.currentTarget), 'code').trim(), {
      onSuccess: (codes) => {
        setRecoveryCodes(codes);
        start.reset();
      },
    });
  }

  function onDisable(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRecoveryCodes(null);
    const given = textOf(new FormData(event.currentTarget), 'proof').trim();
    disable.mutate(SIX_DIGITS.test(given) ? { code: given } : { recoveryCode: given });
  }

  const failed = start.error ?? confirm.error ?? disable.error;
  const errors = failed ? formErrors(failed) : null;

  return (
    <section aria-labelledby="second-factor-title">
      <h2 id="second-factor-title">Double authentification</h2>
      {status.isPending && <Loading />}
      {errors && <ErrorSummary message={errors.message} />}
      {recoveryCodes && (
        <div ref={codesRef} tabIndex={-1}>
          <Notice kind="success" live title="La double authentification est activée">
            <p>
              Voici vos codes de secours, affichés <strong>une seule fois</strong> : notez-les et gardez-les en lieu sûr. Chacun permet une connexion si vous
              n’avez plus votre téléphone.
            </p>
            <ol>
              {recoveryCodes.map((code) => (
                <li key={code}>
                  <code>{code}</code>
                </li>
              ))}
            </ol>
          </Notice>
        </div>
      )}
      {disable.isSuccess && !status.data?.enabled && (
        <Notice kind="success" live>
          <p>La double authentification est désactivée.</p>
        </Notice>
      )}
      {status.data?.enabled && (
        <>
          <p>La double authentification est activée : chaque connexion demande un code de votre application d’authentification.</p>
          {status.data.required ? (
            <p>Elle est obligatoire pour les comptes du personnel.</p>
          ) : (
            <form className="form" onSubmit={onDisable} noValidate>
              <Field name="proof" label="Code à 6 chiffres ou code de secours" hint="Pour la désactiver, prouvez que vous avez encore votre application.">
                {(control) => <input {...control} className="input input--short" type="text" autoComplete="one-time-code" spellCheck={false} required />}
              </Field>
              <Button type="submit" variant="secondary" disabled={disable.isPending}>
                Désactiver la double authentification
              </Button>
            </form>
          )}
        </>
      )}
      {status.data && !status.data.enabled && !start.data && (
        <>
          <p>Protégez votre compte : en plus du mot de passe, chaque connexion demandera un code affiché par une application d’authentification sur votre téléphone.</p>
          <Button variant="secondary" disabled={start.isPending} onClick={() => start.mutate()}>
            Activer la double authentification
          </Button>
        </>
      )}
      {status.data && !status.data.enabled && start.data && (
        <form className="form" onSubmit={onConfirm} noValidate>
          <p>1. Scannez ce QR code avec votre application d’authentification (par exemple FreeOTP, Aegis ou Google Authenticator).</p>
          <img src={start.data.qrCodeDataUrl} alt="QR code à scanner avec votre application d’authentification" width={200} height={200} />
          <p>
            Ou saisissez cette clé dans l’application : <code>{start.data.secret}</code>
          </p>
          <Field name="code" label="2. Code à 6 chiffres affiché par l’application" error={confirm.isError ? errors?.message : undefined}>
            {(control) => <input {...control} className="input input--short" type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />}
          </Field>
          <Button type="submit" disabled={confirm.isPending}>
            Confirmer et activer
          </Button>
        </form>
      )}
    </section>
  );
}
