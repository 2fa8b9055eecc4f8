import { Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Notice } from '../../../components/Notice';
import { formErrors, isApiError } from '../../../lib/api/errors';
import { usePageTitle } from '../../../lib/page-title';
import { useSession } from '../../../lib/session';
import { useAcceptInvitation } from '../api/businesses';
import { text } from '../components/labels';

function acceptErrors(error: unknown): string {
  if (isApiError(error, 'INVALID_TOKEN') || isApiError(error, 'TRANSITION_NOT_ALLOWED')) {
    return 'Ce lien d’invitation n’est plus valable : il a déjà servi ou a expiré (7 jours). Demandez à l’entreprise de vous inviter à nouveau.';
  }
  if (isApiError(error, 'ALREADY_MEMBER')) return 'Vous êtes déjà membre de cette entreprise : retrouvez-la dans vos entreprises.';
  if (isApiError(error, 'FORBIDDEN')) return 'Cette invitation a été envoyée à une autre adresse électronique. Connectez-vous avec le compte de l’adresse invitée.';
  return formErrors(error).message;
}

/** The link of the invitation email: the signed-in person accepts it and becomes a member. */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const session = useSession();
  const accept = useAcceptInvitation();
  const error = accept.isError ? acceptErrors(accept.error) : !token ? 'Ce lien est incomplet : ouvrez le lien reçu par courriel tel quel.' : null;
  usePageTitle(error ? 'Erreur — Invitation' : accept.isSuccess ? 'Invitation acceptée' : 'Invitation à rejoindre une entreprise');

  if (accept.isSuccess) {
    const name = text(accept.data.business.legalName) ?? `l’entreprise ${accept.data.business.ridetDisplay}`;
    return (
      <>
        <h1>Invitation acceptée</h1>
        <Notice kind="success" live title={`Vous êtes membre de ${name}`}>
          <p>Vous pouvez déposer et suivre les demandes de l’entreprise dans le périmètre de votre mandat.</p>
        </Notice>
        <p>
          <Link to={`/entreprises/${accept.data.business.id}`}>Ouvrir l’espace de {name}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>Invitation à rejoindre une entreprise</h1>
      {error && <ErrorSummary message={error} />}
      <p>
        Vous êtes connecté en tant que <strong>{session.data?.email}</strong>. En acceptant, vous agirez pour l’entreprise qui vous invite, avec le rôle et le périmètre qu’elle a choisis.
      </p>
      {token && !accept.isError && (
        <Button onClick={() => accept.mutate(token)} disabled={accept.isPending}>
          {accept.isPending ? 'Acceptation…' : 'Accepter l’invitation'}
        </Button>
      )}
      <p>
        <Link to="/entreprises">Mes entreprises</Link>
      </p>
    </>
  );
}
