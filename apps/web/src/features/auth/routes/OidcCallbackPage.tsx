import { useEffect, useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Loading } from '../../../components/Loading';
import { formErrors } from '../../../lib/api/errors';
import { takeReturnPath } from '../../../lib/oidc';
import { usePageTitle } from '../../../lib/page-title';
import { safeReturnPath } from '../../../lib/return-path';
import { useCompleteOidc } from '../api/oidc';
import { EnrolmentStep } from '../components/EnrolmentStep';
import { SecondFactorStep } from '../components/SecondFactorStep';

/** Where the identity provider sends the browser back: the answer goes to the API, once. */
export function OidcCallbackPage() {
  const { provider = '' } = useParams();
  const complete = useCompleteOidc();
  const navigate = useNavigate();
  const sent = useRef(false);
  const back = useRef<string | null>(null);
  usePageTitle(complete.isError ? 'Erreur — Connexion' : 'Connexion');

  useEffect(() => {
    // The code is single-use: never sent twice, even when React runs effects twice in development.
    if (sent.current) return;
    sent.current = true;
    back.current = takeReturnPath();
    complete.mutate(
      { provider, query: window.location.search },
      {
        onSuccess: (outcome) => {
          if (outcome === 'linked') void navigate(`/compte/securite?lie=${encodeURIComponent(provider)}`, { replace: true });
          if (outcome === 'signed_in') void navigate(safeReturnPath(back.current), { replace: true });
        },
      },
    );
  }, [complete, navigate, provider]);

  // A staff account: the provider vouched for the person, the second factor is still owed, as after a password.
  const challenge = typeof complete.data === 'object' ? complete.data : null;
  if (challenge) {
    const Step = challenge.enrolmentRequired ? EnrolmentStep : SecondFactorStep;
    return <Step challenge={challenge} onSignedIn={() => void navigate(safeReturnPath(back.current), { replace: true })} onRestart={() => void navigate('/connexion')} />;
  }

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
    </>
  );
}
