import { useState, type ChangeEvent } from 'react';
import { formatBytes } from '../lib/dates';
import { FieldMessages, fieldId } from './Field';

export type UploadFn = (file: File, onProgress: (fraction: number) => void) => Promise<void>;

interface FileUploadProps {
  /** The field name the API's errors use (for a document: its type code). */
  name: string;
  label: string;
  hint?: string;
  /** What is already uploaded, shown under the field. */
  uploaded?: string[];
  /** MIME types and extensions, shown to the person before they pick a file. */
  accept: { mime: string; label: string }[];
  maxBytes: number;
  upload: UploadFn;
  error?: string;
}

/** Picks a file, checks type and size before sending, shows the upload's progress. */
export function FileUpload({ name, label, hint, uploaded = [], accept, maxBytes, upload, error }: FileUploadProps) {
  const id = fieldId(name);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const shownError = message?.kind === 'error' ? message.text : error;

  async function onChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (!accept.some((a) => a.mime === file.type)) {
      setMessage({ kind: 'error', text: `Ce type de fichier n’est pas accepté. Formats acceptés : ${accept.map((a) => a.label).join(', ')}.` });
      return;
    }
    if (file.size > maxBytes) {
      setMessage({ kind: 'error', text: `Le fichier dépasse ${formatBytes(maxBytes)}.` });
      return;
    }
    setMessage(null);
    setProgress(0);
    try {
      await upload(file, setProgress);
      setMessage({ kind: 'success', text: `${file.name} a été envoyé.` });
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : 'L’envoi a échoué. Réessayez.' });
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className={shownError ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages
        id={id}
        hint={
          <>
            {hint && <>{hint} </>}
            Formats acceptés : {accept.map((a) => a.label).join(', ')}. Taille maximale : {formatBytes(maxBytes)}.
          </>
        }
        error={shownError}
      />
      <input
        id={id}
        type="file"
        className="file-upload__input"
        accept={accept.map((a) => a.mime).join(',')}
        aria-describedby={[`${id}-hint`, shownError ? `${id}-error` : ''].filter(Boolean).join(' ')}
        aria-invalid={shownError ? true : undefined}
        onChange={(e) => void onChange(e)}
        disabled={progress !== null}
      />
      {progress !== null && (
        <p>
          <label>
            Envoi en cours <progress max={1} value={progress} />
          </label>
        </p>
      )}
      <p className="visually-hidden" role="status">
        {message?.kind === 'success' ? message.text : ''}
      </p>
      {uploaded.length > 0 && (
        <ul className="file-upload__list">
          {uploaded.map((file, i) => (
            <li key={i}>{file}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
