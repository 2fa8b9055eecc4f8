import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { isApiError } from '../../../lib/api/errors';
import { usePageTitle } from '../../../lib/page-title';
import { useSession } from '../../../lib/session';
import { type MyBusiness, useBusinessesIMayFileFor, useService } from '../api/catalogue';
import { whoMayAsk } from '../components/labels';

/** What the service is, who may ask, the documents to prepare, the deadline rule in plain words. */
export function ServicePage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const service = useService(code);
  const session = useSession();
  const forBusinesses = service.data?.applicantKinds.includes('business') ?? false;
  const businesses = useBusinessesIMayFileFor(forBusinesses && !!session.data);
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
      {s.open && businesses.isLoading && <Loading label="Vos entreprises…" />}
      {s.open && !businesses.isLoading && (
        <StartRequest
          code={s.code}
          forPersons={s.applicantKinds.includes('person')}
          businesses={businesses.data ?? []}
          chosen={params.get('pour')}
          signedIn={!!session.data}
        />
      )}
    </>
  );
}

/** "Faire cette démarche", for me or for one of my businesses when the service is open to them. */
function StartRequest(props: { code: string; forPersons: boolean; businesses: MyBusiness[]; chosen: string | null; signedIn: boolean }) {
  const { code, forPersons, businesses, chosen, signedIn } = props;
  const choices = [...(forPersons ? [{ value: '', label: 'Pour moi' }] : []), ...businesses.map((b) => ({ value: b.business.id, label: `Pour l’entreprise ${b.business.legalName ?? b.business.ridetDisplay}` }))];
  const [picked, setPicked] = useState<string | null>(null);
  const preferred = choices.some((c) => c.value === chosen) ? chosen! : (choices[0]?.value ?? '');
  const applicant = picked !== null && choices.some((c) => c.value === picked) ? picked : preferred;
  if (!forPersons && signedIn && businesses.length === 0) {
    return (
      <Notice>
        <p>
          Cette démarche est faite au nom d’une entreprise. <Link to="/entreprises/rattacher">Rattachez d’abord votre compte à l’entreprise</Link>.
        </p>
      </Notice>
    );
  }
  const target = `/demandes/nouvelle?service=${encodeURIComponent(code)}${applicant ? `&entreprise=${encodeURIComponent(applicant)}` : ''}`;
  return (
    <>
      {choices.length > 1 ? (
        <fieldset className="fieldset">
          <legend>Pour qui déposez-vous cette demande ?</legend>
          <div className="radios radios--stacked">
            {choices.map((c) => (
              <label className="radio" key={c.value || 'moi'}>
                <input type="radio" name="applicant" value={c.value} checked={applicant === c.value} onChange={() => setPicked(c.value)} />
                {c.label}
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        applicant && <p>{choices[0].label}.</p>
      )}
      <p>
        <Link className="btn btn--primary" to={target}>
          Faire cette démarche
        </Link>
      </p>
    </>
  );
}
