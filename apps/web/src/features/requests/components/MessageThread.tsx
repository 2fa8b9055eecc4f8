import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { formErrors } from '../../../lib/api/errors';
import { formatBytes, formatDateTime } from '../../../lib/dates';
import { textOf } from '../../../lib/forms';
import { type UploadedDocument, useMessages, usePostMessage } from '../api/requests';
import { DocumentLink } from './FileDocuments';

export const ACCEPTED_DOCUMENTS = [
  { mime: 'application/pdf', label: 'PDF' },
  { mime: 'image/jpeg', label: 'JPEG' },
  { mime: 'image/png', label: 'PNG' },
];
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const MAX_ATTACHMENTS = 3;

/** Checked before sending, as the API will: how many, which types, how large. */
function attachmentError(files: File[]): string | null {
  if (files.length > MAX_ATTACHMENTS) return `Un message peut porter ${MAX_ATTACHMENTS} documents au plus.`;
  const wrongType = files.find((f) => !ACCEPTED_DOCUMENTS.some((a) => a.mime === f.type));
  if (wrongType) return `« ${wrongType.name} » n’est pas accepté. Formats acceptés : PDF, JPEG, PNG.`;
  const tooLarge = files.find((f) => f.size > MAX_DOCUMENT_BYTES);
  if (tooLarge) return `« ${tooLarge.name} » dépasse ${formatBytes(MAX_DOCUMENT_BYTES)}.`;
  return null;
}

/** The documents a message carries, each downloadable (applicant's and agents' pages alike). */
export function MessageDocuments({ requestId, documents }: { requestId: string; documents: UploadedDocument[] }) {
  if (documents.length === 0) return null;
  return (
    <ul className="document-list" aria-label="Documents joints">
      {documents.map((d) => (
        <li key={d.id}>
          <DocumentLink requestId={requestId} document={d} />
        </li>
      ))}
    </ul>
  );
}

/** The conversation with the directorate: each message with its documents; writing, with documents attached. */
export function MessageThread({ id }: { id: string }) {
  const messages = useMessages(id);
  const post = usePostMessage(id);
  const [localError, setLocalError] = useState<Record<string, string> | null>(null);
  const apiErrors = post.isError ? formErrors(post.error) : null;
  const errors = localError ? { message: undefined, fields: localError } : apiErrors;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const body = textOf(data, 'body');
    const files = data.getAll('file').filter((f): f is File => f instanceof File && f.size > 0);
    const fileError = attachmentError(files);
    if (!body.trim() || fileError) {
      setLocalError({ ...(body.trim() ? {} : { body: 'Écrivez votre message.' }), ...(fileError ? { file: fileError } : {}) });
      return;
    }
    setLocalError(null);
    post.mutate({ body, files }, { onSuccess: () => form.reset() });
  }

  return (
    <section aria-labelledby="messages-titre">
      <h2 id="messages-titre">Messages</h2>
      {messages.data && messages.data.length === 0 && <p>Aucun message pour l’instant.</p>}
      <ul className="notification-list" aria-label="Messages échangés">
        {messages.data?.map((m) => (
          <li key={m.id} className="notification">
            <p className="notification__title">{m.from === 'agent' ? 'La province' : 'Vous'}</p>
            <p className="message__body">{m.body}</p>
            <MessageDocuments requestId={id} documents={m.documents} />
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
        <Field
          name="file"
          label="Joindre des documents (facultatif)"
          hint={`${MAX_ATTACHMENTS} fichiers au plus. Formats acceptés : PDF, JPEG, PNG. Taille maximale : ${formatBytes(MAX_DOCUMENT_BYTES)} par fichier.`}
          error={errors?.fields.file}
        >
          {(control) => <input {...control} type="file" multiple accept={ACCEPTED_DOCUMENTS.map((a) => a.mime).join(',')} className="input" />}
        </Field>
        <Button type="submit" variant="secondary" disabled={post.isPending}>
          {post.isPending ? 'Envoi…' : 'Envoyer le message'}
        </Button>
      </form>
    </section>
  );
}
