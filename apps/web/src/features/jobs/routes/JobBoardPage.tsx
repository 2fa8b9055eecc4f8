import { Form, Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/Button';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { formatDate } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { PROVINCE_SUD_COMMUNES } from '../../../lib/territory';
import { useJobBoard, type Commune, type ContractType, type JobOffer } from '../api/job-offers';
import { CONTRACT_TYPES, text } from '../components/labels';
import '../components/jobs.css';

function OfferCard({ offer }: { offer: JobOffer }) {
  const employer = text(offer.employer.legalName);
  return (
    <li className="offer-card">
      <h3 className="offer-card__title">
        <Link to={`/offres-emploi/${offer.id}`}>{offer.title}</Link>
      </h3>
      <p className="offer-card__meta">
        {offer.contractTypeLabel} — {offer.commune}
        {employer && ` — ${employer}`}
      </p>
      <p className="offer-card__meta">Publiée le {formatDate(offer.publishedAt)}</p>
    </li>
  );
}

/** The public board: filters and keyset pages in the URL (`apres` is the API's cursor). */
export function JobBoardPage() {
  const [params] = useSearchParams();
  const q = params.get('q')?.trim() || undefined;
  const commune = PROVINCE_SUD_COMMUNES.find((c) => c === params.get('commune')) as Commune | undefined;
  const contractType = CONTRACT_TYPES.find((c) => c.value === params.get('contrat'))?.value as ContractType | undefined;
  const cursor = params.get('apres') ?? undefined;
  const board = useJobBoard({ q, commune, contractType, cursor });
  const filtered = Boolean(q || commune || contractType);
  usePageTitle(filtered ? 'Résultats — Offres d’emploi' : 'Offres d’emploi');

  const first = new URLSearchParams(params);
  first.delete('apres');
  const next = new URLSearchParams(params);
  const nextCursor = text(board.data?.nextCursor);
  if (nextCursor) next.set('apres', nextCursor);

  return (
    <>
      <h1>Offres d’emploi</h1>
      <p>Les offres des employeurs de la province Sud, relues par la Direction de l’Emploi et du Logement.</p>
      <Form className="offer-filters" role="search" method="get" action="/offres-emploi" aria-label="Filtrer les offres d’emploi">
        <div className="field">
          <label className="field__label" htmlFor="offres-q">
            Mots-clés
          </label>
          <input id="offres-q" className="input" type="search" name="q" defaultValue={q ?? ''} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="offres-commune">
            Commune
          </label>
          <select id="offres-commune" className="select" name="commune" defaultValue={commune ?? ''}>
            <option value="">Toutes les communes</option>
            {PROVINCE_SUD_COMMUNES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="offres-contrat">
            Type de contrat
          </label>
          <select id="offres-contrat" className="select" name="contrat" defaultValue={contractType ?? ''}>
            <option value="">Tous les contrats</option>
            {CONTRACT_TYPES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit">Filtrer</Button>
      </Form>

      {board.isPending && <Loading />}
      {board.isError && <Notice kind="error">Les offres n’ont pas pu être chargées. Réessayez dans un instant.</Notice>}
      {board.data && (
        <>
          <h2 role="status">
            {board.data.items.length === 0
              ? filtered
                ? 'Aucune offre ne correspond à ces critères'
                : 'Aucune offre pour le moment'
              : `${board.data.items.length}${nextCursor ? ' premières' : ''} offre${board.data.items.length > 1 ? 's' : ''}${cursor ? ' (suite)' : ''}`}
          </h2>
          <ul className="offer-list">
            {board.data.items.map((offer) => (
              <OfferCard key={offer.id} offer={offer} />
            ))}
          </ul>
          {(cursor || nextCursor) && (
            <nav className="pagination" aria-label="Pagination">
              <ul>
                {cursor && (
                  <li>
                    <Link to={`/offres-emploi?${first.toString()}`}>Premières offres</Link>
                  </li>
                )}
                {nextCursor && (
                  <li>
                    <Link to={`/offres-emploi?${next.toString()}`} rel="next">
                      Offres suivantes
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
          )}
        </>
      )}
    </>
  );
}
