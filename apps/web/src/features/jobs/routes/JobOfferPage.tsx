import { Link, useParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { formatDate } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { useJobOffer } from '../api/job-offers';
import { amount, formatXpf, text } from '../components/labels';
import '../components/jobs.css';

export function JobOfferPage() {
  const { id = '' } = useParams();
  const offer = useJobOffer(id);
  usePageTitle(offer.isError ? 'Offre introuvable' : (offer.data?.title ?? 'Offre d’emploi'));

  if (offer.isPending) return <Loading />;
  if (offer.isError)
    return (
      <>
        <h1>Offre introuvable</h1>
        <p>Cette offre n’existe pas, a été retirée par l’employeur ou a expiré.</p>
        <p>
          <Link to="/offres-emploi">Voir les offres d’emploi</Link>
        </p>
      </>
    );

  const o = offer.data;
  const salary = amount(o.monthlySalaryXpf);
  const start = text(o.startDate);
  const contact = text(o.contactEmail);
  const employer = text(o.employer.legalName);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/offres-emploi">Offres d’emploi</Link>
      </p>
      <h1>{o.title}</h1>
      <dl className="summary-list">
        {employer && (
          <>
            <dt>Employeur</dt>
            <dd>{employer}</dd>
          </>
        )}
        <dt>Contrat</dt>
        <dd>{o.contractTypeLabel}</dd>
        <dt>Lieu</dt>
        <dd>{o.commune}</dd>
        <dt>Salaire mensuel brut</dt>
        <dd>{salary !== null ? formatXpf(salary) : 'Selon profil'}</dd>
        {start && (
          <>
            <dt>Prise de poste</dt>
            <dd>{formatDate(start)}</dd>
          </>
        )}
        <dt>Publiée le</dt>
        <dd>{formatDate(o.publishedAt)}</dd>
        <dt>En ligne jusqu’au</dt>
        <dd>{formatDate(o.expiresAt)}</dd>
      </dl>
      <h2>Le poste</h2>
      <p className="offer-description">{o.description}</p>
      {contact && (
        <>
          <h2>Postuler</h2>
          <p>
            Envoyez votre candidature à <a href={`mailto:${contact}`}>{contact}</a>.
          </p>
        </>
      )}
    </>
  );
}
