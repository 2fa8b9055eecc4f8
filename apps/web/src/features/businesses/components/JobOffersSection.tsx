import { Link } from 'react-router';
import { Button } from '../../../components/Button';
import { Notice } from '../../../components/Notice';
import { Table, type Column } from '../../../components/Table';
import { formErrors } from '../../../lib/api/errors';
import { formatDate } from '../../../lib/dates';
import { useBusinessJobOffers, useWithdrawOffer, type BusinessJobOffer } from '../api/businesses';

/** The business's offers on the job board; shown when the mandate covers the DEL job offer service. */
export function JobOffersSection({ businessId }: { businessId: string }) {
  const offers = useBusinessJobOffers(businessId);
  const withdraw = useWithdrawOffer(businessId);
  if (!offers.data) return null;
  const columns: Column<BusinessJobOffer>[] = [
    { header: 'Offre', rowHeader: true, cell: (o) => (o.state === 'published' ? <Link to={`/offres-emploi/${o.id}`}>{o.title}</Link> : o.title) },
    { header: 'Contrat', cell: (o) => `${o.contractTypeLabel} — ${o.commune}` },
    { header: 'État', cell: (o) => <span className={`badge badge--${o.state === 'published' ? 'success' : 'neutral'}`}>{o.stateLabel}</span> },
    { header: 'Publiée le', cell: (o) => formatDate(o.publishedAt) },
    {
      header: 'Action',
      cell: (o) =>
        o.state === 'published' ? (
          <Button variant="secondary" className="btn--small" disabled={withdraw.isPending} onClick={() => withdraw.mutate(o.id)}>
            Retirer<span className="visually-hidden"> l’offre {o.title}</span>
          </Button>
        ) : null,
    },
  ];
  return (
    <section className="section" aria-labelledby="offers-title">
      <h2 id="offers-title">Offres d’emploi</h2>
      {withdraw.isError && (
        <Notice kind="error" live>
          <p>{formErrors(withdraw.error).message}</p>
        </Notice>
      )}
      {withdraw.isSuccess && (
        <Notice kind="success" live>
          <p>L’offre « {withdraw.data.title} » est retirée du site.</p>
        </Notice>
      )}
      {offers.data.length === 0 ? (
        <p>
          Aucune offre publiée. Une offre paraît sur <Link to="/offres-emploi">le site des offres d’emploi</Link> quand la DEL approuve la démarche « Dépôt d’une offre d’emploi ».
        </p>
      ) : (
        <Table caption="Offres d’emploi de l’entreprise" columns={columns} rows={offers.data} rowKey={(o) => o.id} />
      )}
    </section>
  );
}
