import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { FileUpload } from '../../../components/FileUpload';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { StatusBadge } from '../../../components/StatusBadge';
import { formErrors, isApiError } from '../../../lib/api/errors';
import { formatBytes } from '../../../lib/dates';
import { usePageTitle } from '../../../lib/page-title';
import { PROOF_DOCUMENT_TYPE, useLinkFile, useMyBusinesses, useLinkFileDocuments, useSubmitLinkFile, useUploadProof } from '../api/businesses';
import { text } from '../components/labels';
import '../components/businesses.css';

const ACCEPTED = [
  { mime: 'application/pdf', label: 'PDF' },
  { mime: 'image/jpeg', label: 'JPEG' },
  { mime: 'image/png', label: 'PNG' },
];
const MAX_BYTES = 10 * 1024 * 1024;

function submitErrors(error: unknown): { message: string; fields: Record<string, string> } {
  if (isApiError(error, 'CONFLICT')) {
    return { message: 'Le dossier a changé entre-temps. Rechargez la page, vérifiez-le puis déposez-le à nouveau.', fields: {} };
  }
  if (isApiError(error, 'VALIDATION_FAILED')) {
    return { message: 'Joignez le justificatif de pouvoir avant de déposer le dossier.', fields: {} };
  }
  return formErrors(error);
}

/** The DAJI file of a link: the proof of authority, its submission, then its progress. */
export function LinkFilePage() {
  const { requestId = '' } = useParams();
  const file = useLinkFile(requestId);
  const documents = useLinkFileDocuments(requestId);
  const upload = useUploadProof(requestId);
  const submit = useSubmitLinkFile(requestId);
  // One key per submission attempt: a double click or a retry after a lost answer is the same submission.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  // The link file names the business by its RIDET (its data); my mandates say which business that is.
  const mine = useMyBusinesses();
  const ridet = typeof file.data?.data.ridet === 'string' ? file.data.data.ridet : null;
  const mandate = mine.data?.find((m) => m.business.ridet === ridet);
  const legalName = text(mandate?.business.legalName) ?? (mandate ? `RIDET ${mandate.business.ridetDisplay}` : 'votre entreprise');
  const errors = submit.isError ? submitErrors(submit.error) : null;
  usePageTitle(errors ? 'Erreur — Justificatif de pouvoir' : file.data?.status === 'draft' ? 'Justificatif de pouvoir' : 'Suivi du rattachement');

  if (file.isPending) return <Loading />;
  if (file.isError)
    return (
      <>
        <h1>Dossier introuvable</h1>
        <p>
          Ce dossier de rattachement n’existe pas ou n’est pas le vôtre. <Link to="/entreprises">Retour à mes entreprises</Link>
        </p>
      </>
    );

  const request = file.data;
  const proofs = (documents.data ?? []).filter((d) => d.documentType === PROOF_DOCUMENT_TYPE);
  const draft = request.status === 'draft';

  return (
    <>
      <p className="breadcrumb">
        <Link to="/entreprises">Mes entreprises</Link>
      </p>
      <h1>{draft ? 'Justificatif de pouvoir' : 'Suivi du rattachement'}</h1>
      {errors && <ErrorSummary message={errors.message} />}
      <dl className="summary-list" aria-label="Dossier de rattachement">
        <dt>Entreprise</dt>
        <dd>{legalName}</dd>
        {mandate && (
          <>
            <dt>RIDET</dt>
            <dd>{mandate.business.ridetDisplay}</dd>
          </>
        )}
        {text(request.reference) && (
          <>
            <dt>Référence</dt>
            <dd>{text(request.reference)}</dd>
          </>
        )}
        <dt>État du dossier</dt>
        <dd>
          <StatusBadge status={request.status} />
        </dd>
      </dl>

      {draft ? (
        <>
          <p>
            Joignez un document qui prouve votre pouvoir d’agir pour {legalName} : extrait Kbis, statuts, ou délégation signée du représentant légal. Puis déposez le dossier : la DAJI le
            vérifie.
          </p>
          <FileUpload
            name={PROOF_DOCUMENT_TYPE}
            label="Justificatif de pouvoir"
            accept={ACCEPTED}
            maxBytes={MAX_BYTES}
            upload={async (picked, onProgress) => {
              await upload.mutateAsync(picked);
              onProgress(1);
              await documents.refetch();
            }}
          />
          {proofs.length > 0 && (
            <ul aria-label="Pièces jointes">
              {proofs.map((d) => (
                <li key={d.id}>
                  {d.fileName} ({formatBytes(d.sizeBytes)})
                </li>
              ))}
            </ul>
          )}
          <Button
            disabled={submit.isPending || proofs.length === 0}
            aria-describedby={proofs.length === 0 ? 'submit-hint' : undefined}
            onClick={() => submit.mutate({ expectedVersion: request.version, idempotencyKey })}
          >
            {submit.isPending ? 'Dépôt…' : 'Déposer le dossier'}
          </Button>
          {proofs.length === 0 && (
            <p className="field__hint" id="submit-hint">
              Le dépôt est possible une fois le justificatif envoyé.
            </p>
          )}
        </>
      ) : (
        <>
          {(request.status === 'submitted' || request.status === 'in_review') && (
            <Notice kind="success" live title="Votre dossier est déposé">
              <p>La DAJI vérifie votre lien avec l’entreprise. Cette page se met à jour, et vous recevrez un courriel dès sa décision.</p>
            </Notice>
          )}
          {request.status === 'approved' && (
            <Notice kind="success" live title="Votre rattachement est vérifié">
              {mandate ? (
                <p>
                  <Link to={`/entreprises/${mandate.business.id}`}>Ouvrir l’espace de {legalName}</Link>
                </p>
              ) : (
                <p>
                  <Link to="/entreprises">Voir mes entreprises</Link>
                </p>
              )}
            </Notice>
          )}
          {request.status === 'awaiting_applicant' && (
            <Notice kind="warning" title="La DAJI vous demande des informations">
              <p>Consultez le dossier pour y répondre.</p>
            </Notice>
          )}
          {request.status === 'rejected' && (
            <Notice kind="error" title="Le rattachement a été refusé">
              <p>Le motif figure dans le dossier.</p>
            </Notice>
          )}
          <p>
            <Link to={`/demandes/${request.id}`}>Voir le dossier complet et ses échanges</Link>
          </p>
        </>
      )}
    </>
  );
}
