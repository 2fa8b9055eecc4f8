import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button } from '../../../components/Button';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { StatusBadge } from '../../../components/StatusBadge';
import { Timeline, type TimelineEntry } from '../../../components/Timeline';
import { formErrors, isApiError } from '../../../lib/api/errors';
import { usePageTitle } from '../../../lib/page-title';
import { useLiveRequest } from '../api/live';
import { type Request, type TimelineEvent, type UploadedDocument, useDocuments, useRequest, useTimeline, useWithdraw } from '../api/requests';
import { CorrectionForm } from '../components/CorrectionForm';
import { DocumentLink, FileDocuments } from '../components/FileDocuments';
import '../components/requests.css';
import { MessageThread } from '../components/MessageThread';

/** A file as its applicant follows it: status, deadline, timeline, documents and letters, messages, live. */
export function RequestPage() {
  const { id = '' } = useParams();
  const request = useRequest(id);
  const notFound = isApiError(request.error) && request.error.status === 404;
  usePageTitle(request.data ? `Demande ${request.data.reference ?? ''}`.trim() : notFound ? 'Demande introuvable' : 'Demande');

  if (request.isPending) return <Loading />;
  if (request.isError) {
    // Another person's file is a 404 from the API: nothing of it is shown.
    return (
      <>
        <h1>{notFound ? 'Demande introuvable' : 'Cette demande n’a pas pu être chargée'}</h1>
        <p>Elle n’existe pas, ou elle ne vous est pas accessible.</p>
        <p>
          <Link to="/demandes">Mes demandes</Link>
        </p>
      </>
    );
  }
  return <RequestDetail request={request.data} />;
}

function RequestDetail({ request: r }: { request: Request }) {
  const live = useLiveRequest(r.id);
  const timeline = useTimeline(r.id);
  const documents = useDocuments(r.id);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/demandes">Mes demandes</Link>
      </p>
      <h1>
        {r.serviceTitle} <span className="reference">{r.reference}</span>
      </h1>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {live.announcement}
      </p>
      <p>
        Statut : <StatusBadge status={r.status} />
      </p>
      {r.deadline && (
        <Notice kind={r.status === 'awaiting_applicant' ? 'warning' : 'info'} title={`Décision attendue au plus tard le ${r.deadline.dueDate}`}>
          <p>{r.deadline.explanation}</p>
          {r.deadline.suspended && <p>Le délai est suspendu tant que vous n’avez pas répondu.</p>}
        </Notice>
      )}
      {r.allowedActions.includes('resubmit') && <CorrectionForm request={r} />}
      <h2>Historique</h2>
      {timeline.data && documents.data ? <Timeline entries={timeline.data.map((e) => timelineEntry(r.id, e, documents.data))} /> : <Loading />}
      {documents.data && <FileDocuments requestId={r.id} documents={documents.data} />}
      <MessageThread id={r.id} />
      {r.allowedActions.includes('withdraw') && <Withdraw id={r.id} />}
    </>
  );
}

/** A timeline entry; a letter the province issued links to its PDF. */
function timelineEntry(requestId: string, e: TimelineEvent, documents: UploadedDocument[]): TimelineEntry {
  const issued = e.type === 'document_issued' ? documents.find((d) => d.id === e.details.documentId) : undefined;
  return {
    id: e.id,
    at: e.at,
    title: e.label,
    body: issued && <DocumentLink requestId={requestId} document={issued} label={`Télécharger : ${e.label}`} />,
  };
}

function Withdraw({ id }: { id: string }) {
  const withdraw = useWithdraw(id);
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="retrait-titre">
      <h2 id="retrait-titre">Retirer ma demande</h2>
      <p>Le retrait est définitif : la province arrête l’instruction.</p>
      {withdraw.isError && <Notice kind="error" live>{formErrors(withdraw.error).message}</Notice>}
      {confirming ? (
        <div className="actions">
          <Button variant="danger" onClick={() => withdraw.mutate()} disabled={withdraw.isPending}>
            Confirmer le retrait
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Annuler
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Retirer ma demande
        </Button>
      )}
    </section>
  );
}
