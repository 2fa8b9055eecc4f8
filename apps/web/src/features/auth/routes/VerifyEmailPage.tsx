import { useEffect, useRef } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { isApiError } from '../../../lib/api/errors';
import { usePageTitle } from '../../../lib/page-title';
import { useVerifyEmail } from '../api/auth';

/** Opened from the emailed link: confirms the address and lands the person signed in. */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useVerifyEmail();
  const navigate = useNavigate();
  const sent = useRef(false);
  usePageTitle(verify.isError || !token ? 'Lien non valable' : 'Confirmation de votre adresse');

  useEffect(() => {
    // The token is single-use: spend it once, even if the effect runs twice.
    if (!token || sent.current) return;
    sent.current = true;
    verify.mutate(token, { onSuccess: () => void navigate('/compte?bienvenue=1', { replace: true }) });
  }, [token, verify, navigate]);

  if (!token || verify.isError) {
    const expired = isApiError(verify.error, 'INVALID_TOKEN') || !token;
    return (
      <>
        <h1>Ce lien n’est pas valable</h1>
        <Notice kind="error" live>
          <p>
            {expired
              ? 'Le lien a expiré ou a déjà été utilisé. Si votre adresse est déjà confirmée, connectez-vous.'
              : 'Le portail ne répond pas. Réessayez dans un instant.'}
          </p>
        </Notice>
        <p>
          <Link to="/connexion">Se connecter</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Confirmation de votre adresse</h1>
      <Loading label="Confirmation en cours…" />
    </>
  );
}
