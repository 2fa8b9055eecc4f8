import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { StatusBadge } from '../../../components/StatusBadge';
import { Table } from '../../../components/Table';
import { formatDate } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { type Request, useMyRequests } from '../api/requests';

function linkTo(r: Request): string {
  return r.status === 'draft' ? `/demandes/${r.id}/brouillon` : `/demandes/${r.id}`;
}

export function MyRequestsPage() {
  usePageTitle('Mes demandes');
  const [params] = useSearchParams();
  const cursor = params.get('suite') ?? undefined;
  const page = useMyRequests(cursor);
  return (
    <>
      <h1>Mes demandes</h1>
      {page.isPending && <Loading />}
      {page.isError && <Notice kind="error">Vos demandes n’ont pas pu être chargées.</Notice>}
      {page.data && page.data.items.length === 0 && (
        <p>
          Vous n’avez pas encore de demande. <Link to="/demarches">Trouver une démarche</Link>
        </p>
      )}
      {page.data && page.data.items.length > 0 && (
        <Table
          caption="Vos demandes, les plus récentes d’abord"
          rows={page.data.items}
          rowKey={(r) => r.id}
          columns={[
            { header: 'Démarche', rowHeader: true, cell: (r) => <Link to={linkTo(r)}>{r.serviceTitle}</Link> },
            { header: 'Référence', cell: (r) => r.reference ?? 'Brouillon' },
            { header: 'Statut', cell: (r) => <StatusBadge status={r.status} /> },
            { header: 'Décision attendue le', cell: (r) => r.deadline?.dueDate ?? '—' },
            { header: 'Mise à jour', cell: (r) => formatDate(r.updatedAt) },
          ]}
        />
      )}
      {page.data?.nextCursor && (
        <p>
          <Link to={`/demandes?suite=${encodeURIComponent(page.data.nextCursor)}`}>Demandes plus anciennes</Link>
        </p>
      )}
    </>
  );
}
