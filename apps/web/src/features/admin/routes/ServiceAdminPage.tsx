import { Link, useLocation, useParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { Table } from '../../../components/Table';
import { formErrors } from '../../../lib/api/errors';
import { formatDateTime } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { definitionOf, usePublishVersion, useServiceVersions } from '../api/admin';
import { ConfirmAction } from '../components/ConfirmAction';
import { OpenBadge } from '../components/OpenBadge';
import { directorateName } from '../components/labels';

export function ServiceAdminPage() {
  const { code = '' } = useParams();
  const versions = useServiceVersions(code);
  const publish = usePublishVersion(code);
  const published = (useLocation().state as { published?: number } | null)?.published;
  const current = versions.data?.[0];
  usePageTitle(current ? `${current.title} — Administration` : 'Démarche — Administration');

  if (versions.isPending) return <Loading />;
  if (versions.isError || !current) {
    return (
      <>
        <h1>Démarche introuvable</h1>
        <p>
          <Link to="/admin/demarches">Voir les démarches</Link>
        </p>
      </>
    );
  }

  // Closing or reopening publishes the same definition with `open` changed: existing requests keep theirs.
  const toggle = () => publish.mutateAsync({ ...definitionOf(current), open: !current.open });

  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/demarches">Démarches</Link>
      </p>
      <h1>{current.title}</h1>
      {published !== undefined && !publish.isSuccess && (
        <Notice kind="success" live title={`Version ${published} publiée`}>
          <p>Les nouvelles demandes suivent désormais ce formulaire ; les brouillons déjà commencés gardent le leur.</p>
        </Notice>
      )}
      {publish.isSuccess && (
        <Notice kind="success" live title={publish.data.open ? 'Démarche rouverte' : 'Démarche fermée'}>
          <p>{publish.data.open ? 'Elle accepte de nouveau des demandes.' : 'Elle n’accepte plus de nouvelles demandes ; celles en cours continuent.'}</p>
        </Notice>
      )}
      {publish.isError && (
        <Notice kind="error" live>
          <p>{formErrors(publish.error).message}</p>
        </Notice>
      )}
      <dl className="summary-list">
        <dt>Code</dt>
        <dd>{current.code}</dd>
        <dt>Direction</dt>
        <dd>{directorateName(current.directorateCode)}</dd>
        <dt>Version en vigueur</dt>
        <dd>
          {current.version} <OpenBadge open={current.open} />
        </dd>
        <dt>Délai</dt>
        <dd>{current.deadlineDescription}</dd>
      </dl>
      <div className="inline-actions">
        <Link className="btn btn--primary" to={`/admin/demarches/${encodeURIComponent(code)}/nouvelle-version`}>
          Publier une nouvelle version
        </Link>
        <ConfirmAction
          label={current.open ? 'Fermer la démarche' : 'Rouvrir la démarche'}
          question={current.open ? 'Fermer cette démarche ? Plus aucune demande ne pourra être commencée ; celles en cours continuent.' : 'Rouvrir cette démarche aux nouvelles demandes ?'}
          confirmLabel={current.open ? 'Confirmer la fermeture' : 'Confirmer la réouverture'}
          pending={publish.isPending}
          onConfirm={() => toggle().catch(() => undefined)}
        />
      </div>
      <h2>Versions</h2>
      <Table
        caption="Versions publiées, la plus récente d’abord"
        rows={versions.data}
        rowKey={(v) => v.id}
        columns={[
          { header: 'Version', rowHeader: true, cell: (v) => `Version ${v.version}` },
          { header: 'Titre', cell: (v) => v.title },
          { header: 'Questions', cell: (v) => v.formSchema.fields.length },
          { header: 'Publiée le', cell: (v) => formatDateTime(v.publishedAt) },
          { header: 'État', cell: (v) => <OpenBadge open={v.open} /> },
        ]}
      />
    </>
  );
}
