import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { formErrors } from '../../../lib/api/errors';
import { formatDateTime } from '../../../lib/dates';
import { type AgentFile, type TeamMember, useAddNote, useSendMessage } from '../api/agent';
import { MessageDocuments } from '../../requests/components/MessageThread';
import { personName } from './labels';

/** Messages with the applicant, then the internal notes, set apart: the applicant never sees them. */
export function Conversation({ view, team }: { view: AgentFile; team: TeamMember[] }) {
  const id = view.request.id;
  const authorOf = (accountId: string) => {
    const member = team.find((m) => m.id === accountId);
    return member ? personName(member) : 'Un agent';
  };
  return (
    <>
      <section aria-labelledby="messages-titre">
        <h2 id="messages-titre">Messages avec le demandeur</h2>
        {view.messages.length === 0 && <p>Aucun message pour l’instant.</p>}
        <ul className="notification-list">
          {view.messages.map((m) => (
            <li key={m.id} className="notification">
              <p className="notification__title">{m.from === 'agent' ? 'La province' : 'Le demandeur'}</p>
              <p>{m.body}</p>
              <MessageDocuments requestId={id} documents={m.documents} />
              <p className="notification__date">
                <time dateTime={m.at}>{formatDateTime(m.at)}</time>
              </p>
            </li>
          ))}
        </ul>
        <TextForm name="message-demandeur" label="Écrire au demandeur" submit="Envoyer le message" useSend={useSendMessage} id={id} />
      </section>
      <section aria-labelledby="notes-titre" className="internal">
        <h2 id="notes-titre">Notes internes</h2>
        <p>Visibles de la direction seulement, jamais du demandeur.</p>
        {view.notes.length === 0 && <p>Aucune note.</p>}
        <ul className="notification-list">
          {view.notes.map((n) => (
            <li key={n.id} className="notification">
              <p className="notification__title">{authorOf(n.authorId)}</p>
              <p>{n.body}</p>
              <p className="notification__date">
                <time dateTime={n.at}>{formatDateTime(n.at)}</time>
              </p>
            </li>
          ))}
        </ul>
        <TextForm name="note-interne" label="Ajouter une note interne" submit="Ajouter la note" useSend={useAddNote} id={id} />
      </section>
    </>
  );
}

/** One text and a button; the text is cleared only once the API has it. */
function TextForm({ id, name, label, submit, useSend }: { id: string; name: string; label: string; submit: string; useSend: (id: string) => { mutate: (text: string, options: { onSuccess: () => void }) => void; isPending: boolean; isError: boolean; error: unknown } }) {
  const send = useSend(id);
  const [text, setText] = useState('');
  const errors = send.isError ? formErrors(send.error) : null;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send.mutate(text, { onSuccess: () => setText('') });
  }
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {errors && <ErrorSummary message={errors.message} fields={errors.fields.body ? { [name]: errors.fields.body } : {}} />}
      <Field name={name} label={label} error={errors?.fields.body}>
        {(control) => <textarea {...control} className="input textarea" rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <Button type="submit" variant="secondary" disabled={send.isPending}>
        {submit}
      </Button>
    </form>
  );
}
