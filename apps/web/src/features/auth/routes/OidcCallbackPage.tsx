import { useEffect, useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { formErrors } from '../../../lib/api/errors';
import { takeReturnPath } from '../../../lib/oidc';
import { usePageTitle } from '../../../lib/page-title';
import { safeReturnPath } from '../../../lib/return-path';
import { useCompleteOidc } from '../api/oidc';

/** Where the identity provider sends the browser back: the answer goes to the API, once. */
export function OidcCallbackPage() {
  const { provider = '' } = useParams();
  const complete = useCompleteOidc();
  const navigate = useNavigate();
  const sent = useRef(false);
  usePageTitle(complete.isError ? 'Erreur — Connexion' : 'Connexion');

  useEffect(() => {
    // The code is single-use: never sent twice, even when React runs effects twice in development.
    if (sent.current) return;
    sent.current = true;
    const back = takeReturnPath();
    complete.mutate(
      { provider, query: window.location.search },
      {
        onSuccess: (outcome) => {
          if (outcome === 'linked') void navigate(`/compte/securite?lie=${encodeURIComponent(provider)}`, { replace: true });
          if (outcome === 'signed_in') void navigate(safeReturnPath(back), { replace: true });
        },
      },
    );
  }, [complete, navigate, provider]);

  return (
    <>
      <h1>Connexion</h1>
      {complete.isPending && <Loading label="Vérification de votre identité…" />}
      {complete.isError && (
        <>
          <ErrorSummary title="La connexion n’a pas abouti" message={formErrors(complete.error).message} />
          <p>
            <Link to="/connexion">Revenir à la page de connexion</Link>
          </p>
        </>
      )}
      {complete.data === 'second_factor' && (
        <Notice kind="warning" live title="Double authentification requise">
          <p>
            Votre compte est protégé par la double authentification : <Link to="/connexion">connectez-vous avec votre adresse et votre mot de passe</Link>, puis
            saisissez votre code.
          </p>
        </Notice>
      )}
    </>
  );
}
