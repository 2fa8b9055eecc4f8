import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { StatusBadge } from '../../../components/StatusBadge';
import { Timeline } from '../../../components/Timeline';
import { formErrors, isApiError } from '../../../lib/api/errors';
import { formatDateTime } from '../../../lib/dates';
import { textOf } from '../../../lib/forms';
import { usePageTitle } from '../../../lib/page-title';
import { useLiveRequest } from '../api/live';
import { type Request, useMessages, usePostMessage, useRequest, useResubmit, useTimeline, useWithdraw } from '../api/requests';

/** A file as its applicant follows it: status, deadline, timeline, messages, live. */
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
      {r.allowedActions.includes('resubmit') && <AnswerInfoRequest id={r.id} />}
      <h2>Historique</h2>
      {timeline.data ? <Timeline entries={timeline.data.map((e) => ({ id: e.id, at: e.at, title: e.label }))} /> : <Loading />}
      <Messages id={r.id} />
      {r.allowedActions.includes('withdraw') && <Withdraw id={r.id} />}
    </>
  );
}

function AnswerInfoRequest({ id }: { id: string }) {
  const resubmit = useResubmit(id);
  const errors = resubmit.isError ? formErrors(resubmit.error) : null;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    resubmit.mutate(textOf(new FormData(event.currentTarget), 'message'));
  }
  return (
    <section aria-labelledby="reponse-titre" className="panel">
      <h2 id="reponse-titre">Des informations vous sont demandées</h2>
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field name="message" label="Votre réponse" hint="Ajoutez si besoin des pièces dans les messages, puis renvoyez la demande." error={errors?.fields.message}>
          {(control) => <textarea {...control} className="input textarea" rows={4} />}
        </Field>
        <Button type="submit" disabled={resubmit.isPending}>
          Répondre et renvoyer ma demande
        </Button>
      </form>
    </section>
  );
}

function Messages({ id }: { id: string }) {
  const messages = useMessages(id);
  const post = usePostMessage(id);
  const errors = post.isError ? formErrors(post.error) : null;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    post.mutate(textOf(new FormData(form), 'body'), { onSuccess: () => form.reset() });
  }
  return (
    <section aria-labelledby="messages-titre">
      <h2 id="messages-titre">Messages</h2>
      {messages.data && messages.data.length === 0 && <p>Aucun message pour l’instant.</p>}
      <ul className="notification-list">
        {messages.data?.map((m) => (
          <li key={m.id} className="notification">
            <p className="notification__title">{m.from === 'agent' ? 'La province' : 'Vous'}</p>
            <p>{m.body}</p>
            <p className="notification__date">
              <time dateTime={m.at}>{formatDateTime(m.at)}</time>
            </p>
          </li>
        ))}
      </ul>
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field name="body" label="Écrire à la province" error={errors?.fields.body}>
          {(control) => <textarea {...control} className="input textarea" rows={3} required />}
        </Field>
        <Button type="submit" variant="secondary" disabled={post.isPending}>
          Envoyer le message
        </Button>
      </form>
    </section>
  );
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
