import { Form, Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/Button';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { usePageTitle } from '../../../lib/page-title';
import { type ApplicantKind, type DirectorateCode, useServices } from '../api/catalogue';
import { search } from '../api/search';
import { DIRECTORATES } from '../components/labels';

const FOR_OPTIONS: { value: '' | ApplicantKind; label: string }[] = [
  { value: '', label: 'Toutes' },
  { value: 'person', label: 'Pour moi' },
  { value: 'business', label: 'Pour mon entreprise' },
];

/** Search by words (accents and case ignored), filters by directorate and by who asks; all in the URL. */
export function ServiceFinderPage() {
  const [params] = useSearchParams();
  const query = params.get('q') ?? '';
  const directorate: DirectorateCode | undefined = DIRECTORATES.find((d) => d.code === params.get('direction'))?.code;
  const applicantKind = (['person', 'business'] as const).find((k) => k === params.get('pour'));
  // Set by a business space ("Déposer une demande pour cette entreprise"): carried to the service page as ?pour=<id>.
  const businessId = params.get('entreprise');
  const forBusiness = businessId ? `?pour=${encodeURIComponent(businessId)}` : '';
  const services = useServices({ directorate, applicantKind });
  const results = services.data ? search(services.data, query, (s) => `${s.title} ${s.description} ${s.directorateName ?? ''}`) : [];
  usePageTitle(query ? `Recherche « ${query} » — Démarches` : 'Trouver une démarche');

  return (
    <>
      <h1>Trouver une démarche</h1>
      <Form className="finder" role="search" method="get" action="/demarches" aria-label="Rechercher une démarche">
        <div className="field">
          <label className="field__label" htmlFor="recherche">
            Que voulez-vous faire ?
          </label>
          <div className="field__hint" id="recherche-hint">
            Par exemple : logement, offre d’emploi, création d’entreprise.
          </div>
          <div className="finder__search">
            <input id="recherche" className="input" type="search" name="q" defaultValue={query} aria-describedby="recherche-hint" />
            <Button type="submit">Rechercher</Button>
          </div>
        </div>
        {businessId && <input type="hidden" name="entreprise" value={businessId} />}
        <div className="finder__filters">
          <div className="field">
            <label className="field__label" htmlFor="direction">
              Direction
            </label>
            <select id="direction" className="select" name="direction" defaultValue={directorate ?? ''}>
              <option value="">Toutes les directions</option>
              {DIRECTORATES.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="fieldset">
            <legend>Pour qui ?</legend>
            <div className="radios">
              {FOR_OPTIONS.map((option) => (
                <label key={option.value} className="radio">
                  <input type="radio" name="pour" value={option.value} defaultChecked={(applicantKind ?? '') === option.value} />
                  {option.label}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
      </Form>

      {services.isPending && <Loading />}
      {services.isError && <Notice kind="error">Le catalogue n’a pas pu être chargé. Réessayez dans un instant.</Notice>}
      {services.data && (
        <>
          <h2 role="status">
            {results.length === 0 ? 'Aucune démarche ne correspond' : `${results.length} démarche${results.length > 1 ? 's' : ''}`}
          </h2>
          <ul className="service-list">
            {results.map((service) => (
              <li key={service.code} className="service-card">
                <h3 className="service-card__title">
                  <Link to={`/demarches/${encodeURIComponent(service.code)}${forBusiness}`}>{service.title}</Link>
                </h3>
                <p className="service-card__meta">{service.directorateName ?? service.directorateCode}</p>
                <p>{service.description}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
