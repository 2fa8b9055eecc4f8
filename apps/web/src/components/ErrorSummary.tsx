import { useEffect, useRef } from 'react';
import { fieldId } from './Field';

interface ErrorSummaryProps {
  /** Errors by field name (linked to the field) — plus a general message without a field. */
  fields?: Record<string, string>;
  message?: string;
  title?: string;
}

/** At the top of a form after a failed submit: takes focus, links each error to its field. */
export function ErrorSummary({ fields = {}, message, title = 'Il y a un problème' }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(fields);
  const key = `${message ?? ''}|${entries.map(([f, m]) => `${f}:${m}`).join('|')}`;
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  if (!message && entries.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 className="error-summary__title" id="error-summary-title">
        {title}
      </h2>
      {message && entries.length === 0 && <p>{message}</p>}
      {entries.length > 0 && (
        <ul className="error-summary__list">
          {entries.map(([field, text]) => (
            <li key={field}>
              <a href={`#${fieldId(field)}`}>{text}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
