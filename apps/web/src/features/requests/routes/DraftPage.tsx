import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { FileUpload } from '../../../components/FileUpload';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { formErrors } from '../../../lib/api/errors';
import { usePageTitle } from '../../../lib/page-title';
import { formatNcPhone } from '../../../lib/territory';
import { type Answers, type Request, type Service, useDocuments, useRequest, useSaveDraft, useServiceForm, useSubmitRequest, useUploadDocument } from '../api/requests';
import { FormFieldInput } from '../components/FormFieldInput';

const ACCEPTED = [
  { mime: 'application/pdf', label: 'PDF' },
  { mime: 'image/jpeg', label: 'JPEG' },
  { mime: 'image/png', label: 'PNG' },
];
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const AUTOSAVE_MS = 800;

const savedAt = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Pacific/Noumea', hour: '2-digit', minute: '2-digit' });

/** "14 h 32", as French writes times. */
function frenchTime(date: Date): string {
  return savedAt.format(date).replace(':', ' h ');
}

/** The stored answers as the form edits them: numbers (normalised by the API) back to text. */
function toAnswers(data: Request['data'], fields: Service['formSchema']['fields']): Answers {
  const answers: Answers = {};
  for (const [key, value] of Object.entries(data)) {
    const phone = fields.find((f) => f.key === key)?.type === 'phone_nc';
    if (typeof value === 'string' && phone) answers[key] = formatNcPhone(value);
    else if (typeof value === 'boolean' || typeof value === 'string') answers[key] = value;
    else if (typeof value === 'number') answers[key] = String(value);
  }
  return answers;
}

export function DraftPage() {
  const { id = '' } = useParams();
  const request = useRequest(id);
  const service = useServiceForm(request.data?.serviceCode, request.data?.serviceVersion);
  usePageTitle(service.data ? `${service.data.title} — Brouillon` : 'Brouillon');

  if (request.isPending || (request.isSuccess && service.isPending)) return <Loading />;
  if (request.isError || service.isError) {
    return (
      <>
        <h1>Demande introuvable</h1>
        <p>
          <Link to="/demarches">Voir les démarches</Link>
        </p>
      </>
    );
  }
  if (request.data.status !== 'draft') {
    return (
      <>
        <h1>{request.data.serviceTitle}</h1>
        <Notice>
          <p>Cette demande a déjà été déposée.</p>
        </Notice>
        <p>
          <Link to={`/demandes/${id}/confirmation`}>Voir la confirmation</Link>
        </p>
      </>
    );
  }
  if (!service.data) return <Loading />;
  return <DraftForm request={request.data} service={service.data} />;
}

function DraftForm({ request, service }: { request: Request; service: Service }) {
  const [answers, setAnswers] = useState<Answers>(() => toAnswers(request.data, service.formSchema.fields));
  const [savedTime, setSavedTime] = useState<Date | null>(null);
  const save = useSaveDraft(request.id);
  const submit = useSubmitRequest(request.id);
  const documents = useDocuments(request.id);
  const upload = useUploadDocument(request.id);
  const navigate = useNavigate();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dirty = useRef(false);
  const saveDraft = save.mutateAsync;

  // Autosave: a short pause after the last change.
  useEffect(() => {
    if (!dirty.current) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      saveDraft(answers).then(
        () => setSavedTime(new Date()),
        () => undefined,
      );
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer.current);
  }, [answers, saveDraft]);

  const fields = service.formSchema.fields.filter((f) => f.type !== 'document');
  const saveErrors = save.isError ? formErrors(save.error) : null;
  const submitErrors = submit.isError ? formErrors(submit.error) : null;
  const errors = submitErrors ?? saveErrors;
  const uploadedByType = new Map<string, string[]>();
  for (const d of documents.data ?? []) uploadedByType.set(d.documentType, [...(uploadedByType.get(d.documentType) ?? []), d.fileName]);

  function change(key: string, value: string | boolean | undefined) {
    dirty.current = true;
    setAnswers((current) => {
      const next = { ...current };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clearTimeout(timer.current);
    try {
      const saved = await save.mutateAsync(answers);
      const filed = await submit.mutateAsync(saved.version);
      void navigate(`/demandes/${filed.id}/confirmation`);
    } catch {
      // Shown by the error summary.
    }
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/demarches/${encodeURIComponent(service.code)}`}>{service.title}</Link>
      </p>
      <h1>{service.title}</h1>
      <p className="autosave" role="status">
        {save.isPending ? 'Enregistrement…' : savedTime ? `Brouillon enregistré à ${frenchTime(savedTime)}` : ''}
      </p>
      {errors && <ErrorSummary message={errors.message} fields={errors.fields} />}
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {fields.map((field) => (
          <FormFieldInput key={field.key} field={field} value={answers[field.key]} error={errors?.fields[field.key]} onChange={(v) => change(field.key, v)} />
        ))}
        {service.requiredDocuments.length > 0 && <h2>Pièces justificatives</h2>}
        {service.requiredDocuments.map((doc) => (
          <FileUpload
            key={doc.type}
            name={doc.type}
            label={doc.required ? doc.label : `${doc.label} (facultatif)`}
            accept={ACCEPTED}
            maxBytes={MAX_DOCUMENT_BYTES}
            uploaded={uploadedByType.get(doc.type)}
            error={errors?.fields[doc.type]}
            upload={(file, onProgress) => upload(doc.type, file, onProgress)}
          />
        ))}
        <h2>Délai de réponse</h2>
        <p>{service.deadlineDescription}</p>
        <Button type="submit" disabled={submit.isPending || save.isPending}>
          {submit.isPending ? 'Dépôt en cours…' : 'Déposer ma demande'}
        </Button>
      </form>
    </>
  );
}
