import { Link } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { Table } from '../../../components/Table';
import { formatDate } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { useAdminServices } from '../api/admin';
import { OpenBadge } from '../components/OpenBadge';

export function ServicesPage() {
  usePageTitle('Démarches — Administration');
  const services = useAdminServices();
  return (
    <>
      <h1>Démarches</h1>
      <p>Une version publiée ne change plus : publier en ajoute une nouvelle, que les nouvelles demandes suivent ; un brouillon déjà commencé garde la sienne.</p>
      {services.isPending && <Loading />}
      {services.isError && <Notice kind="error" title="Les démarches ne peuvent pas être affichées" />}
      {services.data && (
        <Table
          caption={`Démarches du catalogue (${services.data.length})`}
          rows={services.data}
          rowKey={(s) => s.code}
          columns={[
            {
              header: 'Démarche',
              rowHeader: true,
              cell: (s) => (
                <>
                  <Link to={`/admin/demarches/${encodeURIComponent(s.code)}`}>{s.title}</Link>
                  <span className="admin-muted">{s.code}</span>
                </>
              ),
            },
            { header: 'Direction', cell: (s) => s.directorateCode },
            { header: 'Version', cell: (s) => s.version },
            { header: 'Publiée le', cell: (s) => formatDate(s.publishedAt) },
            { header: 'État', cell: (s) => <OpenBadge open={s.open} /> },
          ]}
        />
      )}
    </>
  );
}
