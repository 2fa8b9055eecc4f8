import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../../components/Button';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { StatusBadge } from '../../../components/StatusBadge';
import { Table } from '../../../components/Table';
import { formErrors } from '../../../lib/api/errors';
import { usePageTitle } from '../../../lib/page-title';
import { useSession } from '../../../lib/session';
import { useServices, useTeam, useWorklist, type WorklistFilters, type WorklistItem } from '../api/agent';
import { useAgentLive } from '../api/live';
import { AgentNav } from '../components/AgentNav';
import { DueDate } from '../components/DueDate';
import { assigneeLabel, formatShortDate, formatXpf, STATUS_OPTIONS } from '../components/labels';
import '../components/agent.css';
import { exportHref, filtersFromForm, filtersFromUrl, urlFromFilters } from './worklist-url';

/** The directorate's files: filters in the URL, keyset pages, live arrivals announced without moving rows. */
export function WorklistPage() {
  usePageTitle('Dossiers à instruire');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const filters = filtersFromUrl(params);
  const session = useSession();
  const me = session.data;
  const services = useServices(me?.role === 'admin' ? null : me?.directorateCode);
  const team = useTeam();
  const worklist = useWorklist(filters);
  const live = useAgentLive();
  const { rows, fresh, showFresh } = useStableRows(JSON.stringify(filters), worklist.data?.items, worklist.isPlaceholderData);
  const listHeading = useRef<HTMLHeadingElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void navigate(`/agent${urlFromFilters(filtersFromForm(new FormData(event.currentTarget)))}`);
  }

  const firstPage: WorklistFilters = { ...filters, cursor: undefined };
  return (
    <>
      <AgentNav />
      <h1>Dossiers à instruire</h1>
      <form className="worklist-filters" onSubmit={onSubmit} role="search" aria-label="Filtrer les dossiers" key={params.toString()}>
        <div className="field">
          <label className="field__label" htmlFor="filtre-q">
            Référence ou nom du demandeur
          </label>
          <input id="filtre-q" name="q" className="input" type="search" defaultValue={filters.q ?? ''} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="filtre-statut">
            Statut
          </label>
          <select id="filtre-statut" name="statut" className="select" defaultValue={filters.status ?? ''}>
            <option value="">Tous</option>
            {STATUS_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="filtre-demarche">
            Démarche
          </label>
          <select id="filtre-demarche" name="demarche" className="select" defaultValue={filters.service ?? ''}>
            <option value="">Toutes</option>
            {services.data?.map((s) => (
              <option key={s.code} value={s.code}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="filtre-attribution">
            Attribués à
          </label>
          <select id="filtre-attribution" name="attribution" className="select" defaultValue={filters.assignee ?? 'any'}>
            <option value="any">N’importe qui</option>
            <option value="me">Moi</option>
            <option value="none">Personne</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="filtre-retard">
            Échéance
          </label>
          <select id="filtre-retard" name="retard" className="select" defaultValue={filters.overdue === undefined ? '' : filters.overdue ? 'oui' : 'non'}>
            <option value="">Toutes</option>
            <option value="oui">En retard</option>
            <option value="non">Dans les délais</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="filtre-du">
            Déposés à partir du
          </label>
          <input id="filtre-du" name="du" className="input" type="date" defaultValue={filters.submittedFrom ?? ''} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="filtre-au">
            Déposés jusqu’au
          </label>
          <input id="filtre-au" name="au" className="input" type="date" defaultValue={filters.submittedTo ?? ''} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="filtre-tri">
            Trier par
          </label>
          <select id="filtre-tri" name="tri" className="select" defaultValue={filters.sort ?? 'due_at'}>
            <option value="due_at">Échéance la plus proche</option>
            <option value="submitted_at">Dépôt le plus récent</option>
          </select>
        </div>
        <div className="actions worklist-filters__actions">
          <Button type="submit">Filtrer</Button>
          <Link to="/agent">Effacer les filtres</Link>
          <a className="btn btn--secondary" href={exportHref(filters)} download>
            Exporter cette vue (CSV)
          </a>
        </div>
      </form>

      <div className="worklist-live" role="status">
        {fresh > 0 && (
          <Button
            variant="secondary"
            className="btn--small"
            onClick={() => {
              showFresh();
              listHeading.current?.focus();
            }}
          >
            {fresh === 1 ? '1 nouveau dossier' : `${fresh} nouveaux dossiers`}
          </Button>
        )}
        {!live.connected && <span className="worklist-live__off">Mises à jour en direct interrompues, reconnexion…</span>}
      </div>

      <h2 ref={listHeading} tabIndex={-1} className="visually-hidden">
        Liste des dossiers
      </h2>
      {worklist.isPending && <Loading />}
      {worklist.isError && <Notice kind="error">{formErrors(worklist.error).message}</Notice>}
      {worklist.data && rows.length === 0 && <p>Aucun dossier ne correspond à ces critères.</p>}
      {rows.length > 0 && (
        <div className="worklist">
        <Table<WorklistItem>
          caption={filters.sort === 'submitted_at' ? 'Dossiers, les plus récemment déposés d’abord' : 'Dossiers, l’échéance la plus proche d’abord'}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { header: 'Référence', rowHeader: true, cell: (r) => <Link to={`/agent/demandes/${r.id}`}>{r.reference ?? r.id.slice(0, 8)}</Link> },
            {
              header: 'Demandeur',
              cell: (r) =>
                r.business ? (
                  <>
                    {r.business.legalName ?? 'Entreprise'}
                    <span className="worklist__sub">RIDET {r.business.ridet}</span>
                  </>
                ) : (
                  r.applicantName
                ),
            },
            { header: 'Démarche', cell: (r) => r.serviceTitle },
            { header: 'Statut', cell: (r) => <StatusBadge status={r.status} /> },
            { header: 'Attribué à', cell: (r) => assigneeLabel(r.assigneeId, me?.id, team.data) },
            { header: 'Déposé le', cell: (r) => (r.submittedAt ? formatShortDate(r.submittedAt) : '—') },
            { header: 'Échéance', cell: (r) => <DueDate request={r} /> },
            { header: 'Montant demandé', cell: (r) => (r.requestedAmountXpf === null ? '—' : formatXpf(r.requestedAmountXpf)) },
          ]}
        />
        </div>
      )}
      <nav className="pagination" aria-label="Pages de dossiers">
        <ul>
          {filters.cursor && (
            <li>
              <Link to={`/agent${urlFromFilters(firstPage)}`}>Première page</Link>
            </li>
          )}
          {worklist.data?.nextCursor && (
            <li>
              <Link to={`/agent${urlFromFilters({ ...filters, cursor: worklist.data.nextCursor })}`} rel="next">
                Dossiers suivants
              </Link>
            </li>
          )}
        </ul>
      </nav>
    </>
  );
}

/**
 * The rows on screen stay where they are when the list changes underneath: a file already shown is
 * updated in place, new ones are only counted until the agent asks for them (nothing moves under
 * the cursor). A new view (other filters, another page) is shown as it comes.
 */
function useStableRows(viewKey: string, latest: WorklistItem[] | undefined, stale: boolean) {
  const [shown, setShown] = useState<{ key: string; items: WorklistItem[] } | null>(null);
  useEffect(() => {
    if (!latest || stale) return;
    setShown((previous) => {
      if (!previous || previous.key !== viewKey) return { key: viewKey, items: latest };
      const byId = new Map(latest.map((r) => [r.id, r]));
      return { key: viewKey, items: previous.items.map((r) => byId.get(r.id) ?? r) };
    });
  }, [viewKey, latest, stale]);
  const rows = shown?.key === viewKey ? shown.items : (latest ?? []);
  const onScreen = new Set(rows.map((r) => r.id));
  const fresh = latest && !stale ? latest.filter((r) => !onScreen.has(r.id)).length : 0;
  return { rows, fresh, showFresh: () => latest && setShown({ key: viewKey, items: latest }) };
}
