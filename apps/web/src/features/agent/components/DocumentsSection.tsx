import { useState } from 'react';
import { Button } from '../../../components/Button';
import { Loading } from '../../../components/Loading';
import { Notice } from '../../../components/Notice';
import { formatBytes, formatDateTime } from '../../../lib/dates';
import { type AgentFile, documentUrl, type FileDocument, useDocumentPreview, useFileDocuments } from '../api/agent';

// What the province issues itself (libs/requests paper/: ISSUED_DOCUMENT_TYPES), sealed.
const ISSUED_LABELS: Record<string, string> = { recepisse_depot: 'Récépissé de dépôt (émis par la province)', lettre_decision: 'Lettre de décision (émise par la province)' };

/** The file's documents: each with its type's label, an inline preview (PDF, images) and a download. */
export function DocumentsSection({ view }: { view: AgentFile }) {
  const documents = useFileDocuments(view.request.id);
  const [previewed, setPreviewed] = useState<FileDocument | null>(null);
  const labelOf = (d: FileDocument) =>
    view.service.requiredDocuments.find((t) => t.type === d.documentType)?.label ??
    ISSUED_LABELS[d.documentType] ??
    (d.origin === 'portal' ? 'Document émis par la province' : d.documentType);
  return (
    <section aria-labelledby="pieces-titre">
      <h2 id="pieces-titre">Pièces du dossier</h2>
      {documents.isPending && <Loading />}
      {documents.isError && <Notice kind="error">Les pièces n’ont pas pu être chargées.</Notice>}
      {documents.data?.length === 0 && <p>Aucune pièce.</p>}
      <ul className="document-list">
        {documents.data?.map((d) => {
          const open = previewed?.id === d.id;
          return (
            <li key={d.id}>
              <p className="notification__title">{labelOf(d)}</p>
              <p>
                {d.fileName} — {formatBytes(d.sizeBytes)}, ajouté le {formatDateTime(d.createdAt)}
              </p>
              <div className="actions">
                <Button variant="secondary" className="btn--small" aria-expanded={open} onClick={() => setPreviewed(open ? null : d)}>
                  {open ? 'Masquer l’aperçu' : 'Aperçu'}
                  <span className="visually-hidden"> de {d.fileName}</span>
                </Button>
                <a href={documentUrl(view.request.id, d.id)} download={d.fileName}>
                  Télécharger<span className="visually-hidden"> {d.fileName}</span>
                </a>
              </div>
              {open && <Preview requestId={view.request.id} document={d} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Preview({ requestId, document }: { requestId: string; document: FileDocument }) {
  const preview = useDocumentPreview(requestId, document);
  if (preview.error) return <Notice kind="error">L’aperçu n’a pas pu être chargé ; téléchargez la pièce.</Notice>;
  if (!preview.url) return <Loading label="Chargement de l’aperçu…" />;
  return (
    <div className="document-preview">
      {document.contentType === 'application/pdf' ? (
        <>
          {/* Out of the Tab order (a frame shows no focus ring of its own): the link opens the same PDF full size. */}
          <iframe src={preview.url} title={`Aperçu de ${document.fileName}`} tabIndex={-1} />
          <p>
            <a href={preview.url} target="_blank" rel="noopener">
              Ouvrir l’aperçu en grand<span className="visually-hidden"> : {document.fileName}</span>
            </a>
          </p>
        </>
      ) : (
        <img src={preview.url} alt={`Aperçu de ${document.fileName}`} />
      )}
    </div>
  );
}
