import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { StatusBadge } from '../../../components/StatusBadge';
import { Timeline } from '../../../components/Timeline';
import { isApiError } from '../../../lib/api/errors';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { useSession } from '../../../lib/session';
import { type AgentFile, useAgentFile, useTeam } from '../api/agent';
import { useAgentLive } from '../api/live';
import { AgentNav } from '../components/AgentNav';
import { Conversation } from '../components/Conversation';
import { DocumentsSection } from '../components/DocumentsSection';
import { DueDate } from '../components/DueDate';
import { FileActions } from '../components/FileActions';
import { applicantLabel, assigneeLabel, formatXpf, MANDATE_ROLE_LABELS, MANDATE_STATUS_LABELS, VERIFIED_VIA_LABELS } from '../components/labels';
import '../components/agent.css';

/** A file as its directorate instructs it: answers, documents, applicant, actions, conversation, history. */
export function AgentFilePage() {
  const { id = '' } = useParams();
  const file = useAgentFile(id);
  const missing = isApiError(file.error) && (file.error.status === 404 || file.error.status === 400);
  usePageTitle(file.data ? `Dossier ${file.data.request.reference ?? ''}`.trim() : missing ? 'Dossier introuvable' : 'Dossier');
  if (file.isPending) return <Loading />;
  if (file.isError) {
    // Another directorate's file is a 404 from the API: nothing of it is shown.
    return (
      <>
        <h1>{missing ? 'Dossier introuvable' : 'Ce dossier n’a pas pu être chargé'}</h1>
        <p>Il n’existe pas, ou il ne relève pas de votre direction.</p>
        <p>
          <Link to="/agent">Retour aux dossiers</Link>
        </p>
      </>
    );
  }
  return <FileDetail key={id} view={file.data} />;
}

function FileDetail({ view }: { view: AgentFile }) {
  const r = view.request;
  const me = useSession().data;
  const team = useTeam();
  const [announcement, setAnnouncement] = useState('');
  const live = useAgentLive((frame) => {
    if (frame.requestId === r.id) setAnnouncement(`Dossier mis à jour : ${frame.label}`);
  });
  const internalEvent = (visibility: string | undefined) => visibility === 'internal';
  return (
    <>
      <AgentNav />
      <p className="breadcrumb">
        <Link to="/agent">Dossiers</Link>
      </p>
      <h1>
        {r.serviceTitle} <span className="reference">{r.reference}</span>
      </h1>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {!live.connected && <p className="worklist-live__off">Mises à jour en direct interrompues, reconnexion…</p>}
      <dl className="summary-list" aria-label="Le dossier en bref">
        <dt>Statut</dt>
        <dd>
          <StatusBadge status={r.status} />
        </dd>
        <dt>Demandeur</dt>
        <dd>{applicantLabel(r)}</dd>
        <dt>Attribué à</dt>
        <dd>{assigneeLabel(r.assigneeId, me?.id, team.data)}</dd>
        <dt>Déposé le</dt>
        <dd>{r.submittedAt ? formatDateTime(r.submittedAt) : '—'}</dd>
        <dt>Échéance</dt>
        <dd>
          <DueDate request={r} />
        </dd>
        {r.requestedAmountXpf !== null && (
          <>
            <dt>Montant demandé</dt>
            <dd>{formatXpf(r.requestedAmountXpf)}</dd>
          </>
        )}
        {r.grantedAmountXpf !== null && (
          <>
            <dt>Montant accordé</dt>
            <dd>{formatXpf(r.grantedAmountXpf)}</dd>
          </>
        )}
      </dl>

      <FileActions view={view} team={team.data ?? []} me={me} />

      <section aria-labelledby="reponses-titre">
        <h2 id="reponses-titre">Réponses du formulaire</h2>
        <Answers view={view} />
      </section>

      <Applicant view={view} />
      <DocumentsSection view={view} />
      <Conversation view={view} team={team.data ?? []} />

      <section aria-labelledby="historique-titre">
        <h2 id="historique-titre">Historique</h2>
        <p>Les étapes marquées « Interne » ne sont pas visibles du demandeur.</p>
        <Timeline
          entries={view.events.map((e) => ({
            id: e.id,
            at: e.at,
            title: internalEvent(e.visibility) ? (
              <>
                <span className="internal__tag">Interne</span> — {e.label}
              </>
            ) : (
              e.label
            ),
          }))}
        />
      </section>
    </>
  );
}

function Answers({ view }: { view: AgentFile }) {
  const data = view.request.data as Record<string, unknown>;
  return (
    <dl className="summary-list">
      {view.service.formSchema.fields.map((field) => {
        const value = data[field.key];
        // Answers are scalars (the form validator stores nothing else).
        const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
        let shown: string;
        if (value === undefined || value === null || value === '') shown = 'Non renseigné';
        else if (typeof value === 'boolean') shown = value ? 'Oui' : 'Non';
        else if (field.type === 'choice') shown = field.options?.find((o) => o.value === value)?.label ?? text;
        else if (field.type === 'amount_xpf' && typeof value === 'number') shown = formatXpf(value);
        else if (field.type === 'date' && typeof value === 'string') shown = formatDate(`${value}T12:00:00+11:00`);
        else shown = text;
        return (
          <Fragment key={field.key}>
            <dt>{field.label}</dt>
            <dd>{shown}</dd>
          </Fragment>
        );
      })}
    </dl>
  );
}

function Applicant({ view }: { view: AgentFile }) {
  const { request: r, mandate } = view;
  return (
    <section aria-labelledby="demandeur-titre">
      <h2 id="demandeur-titre">{r.business ? 'Entreprise et mandat' : 'Demandeur'}</h2>
      <dl className="summary-list">
        <dt>{r.business ? 'Déposé par' : 'Nom'}</dt>
        <dd>{r.applicantName}</dd>
        {r.business && (
          <>
            <dt>Entreprise</dt>
            <dd>{r.business.legalName ?? 'Nom inconnu du registre'}</dd>
            <dt>RIDET</dt>
            <dd>{r.business.ridet}</dd>
            {r.business.legalForm && (
              <>
                <dt>Forme juridique</dt>
                <dd>{r.business.legalForm}</dd>
              </>
            )}
            {r.business.commune && (
              <>
                <dt>Commune</dt>
                <dd>{r.business.commune}</dd>
              </>
            )}
          </>
        )}
        {mandate && (
          <>
            <dt>Mandat</dt>
            <dd>
              {MANDATE_ROLE_LABELS[mandate.role] ?? mandate.role} — {MANDATE_STATUS_LABELS[mandate.status] ?? mandate.status}
              {mandate.verifiedVia && ` ${VERIFIED_VIA_LABELS[mandate.verifiedVia] ?? ''}`}
              {mandate.verifiedAt && ` le ${formatDate(mandate.verifiedAt)}`}
              {!mandate.live && ' (n’est plus en vigueur)'}
            </dd>
            <dt>Portée du mandat</dt>
            <dd>
              {mandate.scopeDirectorates ? `Directions : ${mandate.scopeDirectorates.join(', ')}` : 'Toutes les directions'}
              {mandate.scopeServices ? ` ; démarches : ${mandate.scopeServices.join(', ')}` : ''}
              {mandate.expiresAt ? ` ; jusqu’au ${formatDate(mandate.expiresAt)}` : ''}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
