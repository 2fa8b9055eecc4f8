import { Link } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { StatusBadge } from '../../../components/StatusBadge';
import { Table, type Column } from '../../../components/Table';
import { formatDate } from '../../../lib/dates';
import { useBusinessFiles, type BusinessFile } from '../api/businesses';
import { text } from './labels';

const columns: Column<BusinessFile>[] = [
  { header: 'Démarche', rowHeader: true, cell: (f) => <Link to={`/demandes/${f.id}`}>{f.serviceTitle}</Link> },
  { header: 'Référence', cell: (f) => text(f.reference) ?? 'Brouillon' },
  { header: 'État', cell: (f) => <StatusBadge status={f.status} /> },
  { header: 'Mise à jour', cell: (f) => formatDate(f.updatedAt) },
];

/** The files filed for the business that my mandate lets me see. */
export function FilesSection({ businessId }: { businessId: string }) {
  const files = useBusinessFiles(businessId);
  return (
    <section className="section" aria-labelledby="files-title">
      <h2 id="files-title">Demandes de l’entreprise</h2>
      {files.isPending && <Loading />}
      {files.isError && <Notice kind="error" title="Les demandes ne peuvent pas être affichées" />}
      {files.data &&
        (files.data.items.length === 0 ? (
          <p>Aucune demande n’a encore été déposée pour l’entreprise.</p>
        ) : (
          <Table caption="Demandes déposées pour l’entreprise" columns={columns} rows={files.data.items} rowKey={(f) => f.id} />
        ))}
    </section>
  );
}
