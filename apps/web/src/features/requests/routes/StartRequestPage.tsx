import { useEffect, useRef } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { formErrors } from '../../../lib/api/errors';
import { usePageTitle } from '../../../lib/page-title';
import { useCreateDraft } from '../api/requests';

/**
 * /demandes/nouvelle?service=CODE[&entreprise=ID]: creates the draft once (for the business when one
 * is given), then opens it (a reload opens the same draft).
 */
export function StartRequestPage() {
  const [params] = useSearchParams();
  const service = params.get('service') ?? '';
  const businessId = params.get('entreprise') ?? undefined;
  const create = useCreateDraft();
  const navigate = useNavigate();
  const started = useRef(false);
  usePageTitle(create.isError ? 'Erreur — Nouvelle demande' : 'Nouvelle demande');

  useEffect(() => {
    if (!service || started.current) return;
    started.current = true;
    create.mutate({ serviceCode: service, businessId }, { onSuccess: (draft) => void navigate(`/demandes/${draft.id}/brouillon`, { replace: true }) });
  }, [service, businessId, create, navigate]);

  if (!service || create.isError) {
    return (
      <>
        <h1>La demande n’a pas pu être créée</h1>
        <Notice kind="error" live>
          <p>{service ? formErrors(create.error).message : 'Aucune démarche n’est indiquée.'}</p>
        </Notice>
        <p>
          <Link to="/demarches">Voir les démarches</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Nouvelle demande</h1>
      <Loading label="Création du brouillon…" />
    </>
  );
}
