import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field, fieldId } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { formErrors } from '../../../lib/api/errors';
import { formatBytes } from '../../../lib/dates';
import { textOf } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/page-title';
import { useVerification, type Verification, type VerificationInput } from '../api/verification';
import './verification.css';

const MAX_PDF_BYTES = 10 * 1024 * 1024;

/**
 * The public check of a receipt or a decision letter: by its code, by the URL its QR code holds
 * (`/verifier?d=…` checks itself on opening), or by the PDF itself. Shows only what the seal states.
 */
export function VerifierPage() {
  usePageTitle('Vérifier un document');
  const [params] = useSearchParams();
  const scanned = params.get('d');
  const verification = useVerification();
  const [fileError, setFileError] = useState<string | null>(null);
  const result = useRef<HTMLHeadingElement>(null);

  function check(input: VerificationInput) {
    verification.mutate(input, { onSettled: () => requestAnimationFrame(() => result.current?.focus()) });
  }

  // Opened from a QR code: the seal is in the address, checked at once.
  const { mutate } = verification;
  useEffect(() => {
    if (scanned) mutate({ code: scanned });
  }, [scanned, mutate]);

  function onCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    check({ code: textOf(new FormData(event.currentTarget), 'code') });
  }

  function onFile(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = (new FormData(event.currentTarget).get('file') as File | null) ?? null;
    if (!file || file.size === 0) return setFileError('Choisissez le fichier PDF du document.');
    if (file.size > MAX_PDF_BYTES) return setFileError(`Le fichier dépasse ${formatBytes(MAX_PDF_BYTES)}.`);
    setFileError(null);
    check({ file });
  }

  const errors = verification.isError ? formErrors(verification.error) : null;
  return (
    <>
      <h1>Vérifier un document de la province</h1>
      <p className="lead">
        Les récépissés de dépôt et les notifications de décision du compte provincial portent un code QR et un code de vérification. Vérifiez ici qu’un
        document a bien été émis par la province Sud et n’a pas été modifié. Aucun compte n’est nécessaire.
      </p>

      {(verification.isPending || verification.data || errors) && (
        <section aria-labelledby="resultat-titre" className="verification-result">
          <h2 id="resultat-titre" ref={result} tabIndex={-1}>
            Résultat de la vérification
          </h2>
          {verification.isPending && <Loading />}
          {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
          {verification.data && <Outcome result={verification.data} />}
        </section>
      )}

      <section aria-labelledby="code-titre">
        <h2 id="code-titre">Par le code imprimé sur le document</h2>
        <form className="form" onSubmit={onCode} noValidate>
          <Field
            name="code"
            label="Code de vérification"
            hint="Les 12 caractères imprimés sous le code QR, par exemple K7QM-2XRD-9PHA. Vous pouvez aussi coller l’adresse lue dans le code QR."
            error={errors?.fields.code}
          >
            {(control) => <input {...control} className="input" autoComplete="off" spellCheck={false} />}
          </Field>
          <Button type="submit" disabled={verification.isPending}>
            Vérifier le code
          </Button>
        </form>
      </section>

      <section aria-labelledby="fichier-titre">
        <h2 id="fichier-titre">Par le fichier PDF</h2>
        <form className="form" onSubmit={onFile} noValidate>
          <div className={fileError ? 'field field--error' : 'field'}>
            <label className="field__label" htmlFor={fieldId('file')}>
              Fichier PDF reçu
            </label>
            <div className="field__hint" id={`${fieldId('file')}-hint`}>
              Le fichier tel qu’il a été envoyé par le portail : le moindre octet changé le rend non reconnu. Il n’est pas conservé.
            </div>
            {fileError && (
              <p className="field__error" id={`${fieldId('file')}-error`}>
                <span className="visually-hidden">Erreur : </span>
                {fileError}
              </p>
            )}
            <input
              id={fieldId('file')}
              name="file"
              type="file"
              accept="application/pdf,.pdf"
              className="input"
              aria-describedby={[`${fieldId('file')}-hint`, fileError ? `${fieldId('file')}-error` : null].filter(Boolean).join(' ')}
              aria-invalid={fileError ? true : undefined}
            />
          </div>
          <Button type="submit" variant="secondary" disabled={verification.isPending}>
            Vérifier le fichier
          </Button>
        </form>
      </section>

      <p>
        Pour vérifier un sceau sans passer par ce site : les clés publiques de la province sont publiées à l’adresse <a href="/api/seal/keys">/api/seal/keys</a> (Ed25519,
        format JWK).
      </p>
    </>
  );
}

function Outcome({ result }: { result: Verification }) {
  if (result.status !== 'authentique' || !result.facts) {
    return (
      <Notice kind="error" title="Document non reconnu">
        <p>{result.message}</p>
        <p>Vérifiez le code saisi ou le fichier choisi. Si le document vous a été remis comme venant de la province, ne vous y fiez pas sans l’avoir confirmé auprès d’elle.</p>
      </Notice>
    );
  }
  const f = result.facts;
  return (
    <Notice kind="success" title="Document authentique">
      <p>{result.message}</p>
      <dl className="summary-list">
        <dt>Document</dt>
        <dd>{f.documentLabel}</dd>
        <dt>Référence de la demande</dt>
        <dd>{f.reference}</dd>
        <dt>{f.document === 'receipt' ? 'Objet' : 'Décision'}</dt>
        <dd>{f.outcomeLabel}</dd>
        <dt>Date</dt>
        <dd>
          <time dateTime={f.date}>{f.date.split('-').reverse().join('/')}</time>
        </dd>
        {f.amountLabel && (
          <>
            <dt>Montant accordé</dt>
            <dd>{f.amountLabel}</dd>
          </>
        )}
        {result.code && (
          <>
            <dt>Code de vérification</dt>
            <dd>{result.code}</dd>
          </>
        )}
      </dl>
      <p>Le sceau ne dit rien d’autre : le nom du demandeur n’est pas vérifié ici. Comparez ces informations avec le document présenté.</p>
    </Notice>
  );
}
