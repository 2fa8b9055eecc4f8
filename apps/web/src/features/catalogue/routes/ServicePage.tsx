import { Link, useParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { isApiError } from '../../../lib/api/errors';
import { usePageTitle } from '../../../lib/page-title';
import { useService } from '../api/catalogue';
import { whoMayAsk } from '../components/labels';

/** What the service is, who may ask, the documents to prepare, the deadline rule in plain words. */
export function ServicePage() {
  const { code = '' } = useParams();
  const service = useService(code);
  const notFound = isApiError(service.error) && service.error.status === 404;
  usePageTitle(service.data ? service.data.title : notFound ? 'Démarche introuvable' : 'Démarche');

  if (service.isPending) return <Loading />;
  if (service.isError) {
    return (
      <>
        <h1>{notFound ? 'Démarche introuvable' : 'Cette démarche n’a pas pu être chargée'}</h1>
        <p>
          <Link to="/demarches">Voir toutes les démarches</Link>
        </p>
      </>
    );
  }
  const s = service.data;
  const required = s.requiredDocuments.filter((d) => d.required);
  const optional = s.requiredDocuments.filter((d) => !d.required);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/demarches">Démarches</Link>
      </p>
      <h1>{s.title}</h1>
      <p className="service-card__meta">{s.directorateName ?? s.directorateCode}</p>
      {!s.open && (
        <Notice kind="warning">
          <p>Cette démarche ne reçoit plus de nouvelles demandes.</p>
        </Notice>
      )}
      <h2>De quoi s’agit-il ?</h2>
      <p>{s.description}</p>
      <h2>Qui peut la demander ?</h2>
      <p>{whoMayAsk(s.applicantKinds)}</p>
      <h2>Documents à préparer</h2>
      {s.requiredDocuments.length === 0 ? (
        <p>Aucun document n’est demandé.</p>
      ) : (
        <>
          {required.length > 0 && (
            <>
              <p>Obligatoires :</p>
              <ul>
                {required.map((d) => (
                  <li key={d.type}>{d.label}</li>
                ))}
              </ul>
            </>
          )}
          {optional.length > 0 && (
            <>
              <p>Facultatifs, s’ils vous concernent :</p>
              <ul>
                {optional.map((d) => (
                  <li key={d.type}>{d.label}</li>
                ))}
              </ul>
            </>
          )}
          <p>Formats acceptés : PDF, JPEG ou PNG.</p>
        </>
      )}
      <h2>Dans quel délai ?</h2>
      <Notice>
        <p>{s.deadlineDescription}</p>
      </Notice>
      <p>La date limite de décision vous est indiquée dès le dépôt, et reste visible dans le suivi de votre demande.</p>
      {s.open && (
        <p>
          <Link className="btn btn--primary" to={`/demandes/nouvelle?service=${encodeURIComponent(s.code)}`}>
            Faire cette démarche
          </Link>
        </p>
      )}
    </>
  );
}
