import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Field } from '../../../components/Field';
import { FileUpload } from '../../../components/FileUpload';
import { Loading } from '../../../components/Loading';
import { formErrors } from '../../../lib/api/errors';
import { textOf } from '../../../lib/forms';
import { type Answers, type Request, type Service, useDocuments, useResubmit, useServiceForm, useUploadDocument } from '../api/requests';
import { toAnswers } from './answers';
import { FormFieldInput } from './FormFieldInput';
import { ACCEPTED_DOCUMENTS, MAX_DOCUMENT_BYTES } from './MessageThread';

const explanationName = (key: string) => `explication-${key}`;

/** The API names a correction's error `data.<key>`, `documents.<type>` or `explanations.<key>`: to the form's own fields. */
function byFormField(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, message]) => [field.replace(/^(data|documents)\./, '').replace(/^explanations\.(.+)$/, (_, key: string) => explanationName(key)), message]),
  );
}

/**
 * Answering a request for information. When the agent named answers or documents to correct, each
 * is highlighted here: change the answer or add the document — or say why it stays as it is.
 */
export function CorrectionForm({ request }: { request: Request }) {
  const service = useServiceForm(request.corrections ? request.serviceCode : undefined, request.serviceVersion);
  if (request.corrections && !service.data) return service.isError ? <AnswerForm request={request} /> : <Loading />;
  return <AnswerForm request={request} service={service.data} />;
}

function AnswerForm({ request, service }: { request: Request; service?: Service }) {
  const corrections = service ? request.corrections : null;
  const [answers, setAnswers] = useState<Answers>(() => (service ? toAnswers(request.data, service.formSchema.fields) : {}));
  const resubmit = useResubmit(request.id);
  const documents = useDocuments(request.id);
  const upload = useUploadDocument(request.id);
  const errors = resubmit.isError ? formErrors(resubmit.error) : null;
  const fieldErrors = errors ? byFormField(errors.fields) : {};
  const askedFields = corrections ? service!.formSchema.fields.filter((f) => corrections.fields.some((c) => c.key === f.key)) : [];
  const uploadedSince = (type: string) => (documents.data ?? []).filter((d) => d.documentType === type).map((d) => d.fileName);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const message = textOf(form, 'message').trim();
    if (!corrections) return resubmit.mutate(message ? { message } : {});
    const explanations: Record<string, string> = {};
    for (const item of [...corrections.fields, ...corrections.documents]) {
      const reason = textOf(form, explanationName(item.key)).trim();
      if (reason) explanations[item.key] = reason;
    }
    resubmit.mutate({ data: answers, explanations, ...(message ? { message } : {}) });
  }

  function change(key: string, value: string | boolean | undefined) {
    setAnswers((current) => {
      const next = { ...current };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });
  }

  return (
    <section aria-labelledby="reponse-titre" className="panel">
      <h2 id="reponse-titre">Des informations vous sont demandées</h2>
      {errors && <ErrorSummary message={errors.message} fields={fieldErrors} />}
      {corrections && (
        <div className="correction-summary">
          <p>La province vous demande de corriger :</p>
          <ul aria-label="Éléments à corriger">
            {[...corrections.fields, ...corrections.documents].map((item) => (
              <li key={item.key}>{item.label}</li>
            ))}
          </ul>
          <p>Pour chacun : modifiez la réponse ou déposez la pièce, ou expliquez pourquoi elle reste inchangée.</p>
        </div>
      )}
      <form className="form" onSubmit={onSubmit} noValidate>
        {askedFields.map((field) => (
          <div key={field.key} className="correction">
            <p className="correction__tag">À corriger</p>
            <FormFieldInput field={field} value={answers[field.key]} error={fieldErrors[field.key]} onChange={(v) => change(field.key, v)} />
            <Explanation itemKey={field.key} label={field.label} error={fieldErrors[explanationName(field.key)]} />
          </div>
        ))}
        {corrections?.documents.map((doc) => (
          <div key={doc.key} className="correction">
            <p className="correction__tag">À fournir</p>
            <FileUpload
              name={doc.key}
              label={doc.label}
              accept={ACCEPTED_DOCUMENTS}
              maxBytes={MAX_DOCUMENT_BYTES}
              uploaded={uploadedSince(doc.key)}
              error={fieldErrors[doc.key]}
              upload={(file, onProgress) => upload(doc.key, file, onProgress)}
            />
            <Explanation itemKey={doc.key} label={doc.label} error={fieldErrors[explanationName(doc.key)]} />
          </div>
        ))}
        <Field name="message" label="Votre réponse" hint="Vous pouvez aussi joindre des pièces à un message, plus bas." error={fieldErrors.message}>
          {(control) => <textarea {...control} className="input textarea" rows={4} />}
        </Field>
        <Button type="submit" disabled={resubmit.isPending}>
          Répondre et renvoyer ma demande
        </Button>
      </form>
    </section>
  );
}

function Explanation({ itemKey, label, error }: { itemKey: string; label: string; error?: string }) {
  return (
    <Field name={explanationName(itemKey)} label={`Si « ${label} » reste inchangé : pourquoi ? (facultatif)`} error={error}>
      {(control) => <textarea {...control} className="input textarea" rows={2} maxLength={1000} />}
    </Field>
  );
}
