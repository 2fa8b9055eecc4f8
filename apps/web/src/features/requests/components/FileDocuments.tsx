import { formatBytes, formatDateTime } from '../../../lib/dates';
import { documentUrl, type UploadedDocument } from '../api/requests';

const ISSUED_LABELS: Record<string, string> = { recepisse_depot: 'Récépissé de dépôt', lettre_decision: 'Notification de décision' };

/** A document of the file as a download link: its name, type and size. */
export function DocumentLink({ requestId, document: d, label }: { requestId: string; document: UploadedDocument; label?: string }) {
  const kind = d.contentType === 'application/pdf' ? 'PDF' : d.contentType === 'image/png' ? 'PNG' : 'JPEG';
  return (
    <a href={documentUrl(requestId, d.id)} download={d.fileName}>
      {label ?? d.fileName}
      <span className="document-link__meta">
        {' '}
        ({kind}, {formatBytes(d.sizeBytes)})
      </span>
    </a>
  );
}

/** The letters the province issued for this file (sealed, verifiable), then what was sent with it. */
export function FileDocuments({ requestId, documents }: { requestId: string; documents: UploadedDocument[] }) {
  const issued = documents.filter((d) => d.origin === 'portal');
  const sent = documents.filter((d) => d.origin !== 'portal');
  return (
    <section aria-labelledby="documents-titre">
      <h2 id="documents-titre">Documents</h2>
      {issued.length > 0 && (
        <>
          <h3>Courriers de la province</h3>
          <ul className="document-list">
            {issued.map((d) => (
              <li key={d.id}>
                <DocumentLink requestId={requestId} document={d} label={`${ISSUED_LABELS[d.documentType] ?? d.fileName} du ${formatDateTime(d.createdAt)}`} />
              </li>
            ))}
          </ul>
          <p>
            Chaque courrier porte un code QR et un code de vérification : quiconque le reçoit peut en vérifier l’authenticité sur la page{' '}
            <a href="/verifier">Vérifier un document</a>.
          </p>
        </>
      )}
      {sent.length > 0 && (
        <>
          <h3>Pièces du dossier</h3>
          <ul className="document-list">
            {sent.map((d) => (
              <li key={d.id}>
                <DocumentLink requestId={requestId} document={d} />
              </li>
            ))}
          </ul>
        </>
      )}
      {documents.length === 0 && <p>Aucun document pour l’instant.</p>}
    </section>
  );
}
