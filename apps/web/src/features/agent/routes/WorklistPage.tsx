import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
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
        <Field name="q" label="Référence ou nom du demandeur">
          {(control) => <input {...control} className="input" type="search" defaultValue={filters.q ?? ''} />}
        </Field>
        <SelectFilter name="statut" label="Statut" value={filters.status} options={[{ value: '', label: 'Tous' }, ...STATUS_OPTIONS]} />
        <SelectFilter
          name="demarche"
          label="Démarche"
          value={filters.service}
          options={[{ value: '', label: 'Toutes' }, ...(services.data ?? []).map((s) => ({ value: s.code, label: s.title }))]}
        />
        <SelectFilter
          name="attribution"
          label="Attribués à"
          value={filters.assignee ?? 'any'}
          options={[
            { value: 'any', label: 'N’importe qui' },
            { value: 'me', label: 'Moi' },
            { value: 'none', label: 'Personne' },
          ]}
        />
        <SelectFilter
          name="retard"
          label="Échéance"
          value={filters.overdue === undefined ? '' : filters.overdue ? 'oui' : 'non'}
          options={[
            { value: '', label: 'Toutes' },
            { value: 'oui', label: 'En retard' },
            { value: 'non', label: 'Dans les délais' },
          ]}
        />
        <Field name="du" label="Déposés à partir du">
          {(control) => <input {...control} className="input" type="date" defaultValue={filters.submittedFrom ?? ''} />}
        </Field>
        <Field name="au" label="Déposés jusqu’au">
          {(control) => <input {...control} className="input" type="date" defaultValue={filters.submittedTo ?? ''} />}
        </Field>
        <SelectFilter
          name="tri"
          label="Trier par"
          value={filters.sort ?? 'due_at'}
          options={[
            { value: 'due_at', label: 'Échéance la plus proche' },
            { value: 'submitted_at', label: 'Dépôt le plus récent' },
          ]}
        />
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

/** One of the worklist's choices; the form is read as it is submitted (the URL is the state). */
function SelectFilter({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: ReadonlyArray<{ value: string; label: string }> }) {
  return (
    <Field name={name} label={label}>
      {(control) => (
        <select {...control} className="select" defaultValue={value ?? ''}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
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
