import { Link, useParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { StatusBadge } from '../../../components/StatusBadge';
import { usePageTitle } from '../../../lib/page-title';
import { useRequest } from '../api/requests';

/** After submission: the reference to quote and the date by which a decision is due. */
export function ConfirmationPage() {
  const { id = '' } = useParams();
  const request = useRequest(id);
  usePageTitle(request.data?.reference ? `Demande ${request.data.reference} déposée` : 'Demande déposée');
  if (request.isPending) return <Loading />;
  if (request.isError) return <h1>Demande introuvable</h1>;
  const r = request.data;
  return (
    <>
      <h1>Votre demande est déposée</h1>
      <Notice kind="success" live title={`Référence : ${r.reference ?? '—'}`}>
        <p>
          {r.serviceTitle} — <StatusBadge status={r.status} />
        </p>
      </Notice>
      {r.deadline && (
        <>
          <h2>Date limite de décision : {r.deadline.dueDate}</h2>
          <p>{r.deadline.explanation}</p>
        </>
      )}
      <p>Vous recevrez un courriel et une notification à chaque étape. Gardez la référence : elle vous sera demandée si vous contactez la province.</p>
      <p>
        <Link to={`/demandes/${r.id}`}>Suivre ma demande</Link>
      </p>
      <p>
        <Link to="/demarches">Faire une autre démarche</Link>
      </p>
    </>
  );
}
