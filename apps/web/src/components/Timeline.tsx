import type { ReactNode } from 'react';
import { formatDateTime } from '../lib/dates';

export interface TimelineEntry {
  id: string;
  at: string;
  title: ReactNode;
  body?: ReactNode;
}

/** What happened to a file, oldest first. */
export function Timeline({ entries, label = 'Historique' }: { entries: TimelineEntry[]; label?: string }) {
  return (
    <ol className="timeline" aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.id} className="timeline__item">
          <p className="timeline__title">{entry.title}</p>
          <p className="timeline__date">
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          </p>
          {entry.body && <div className="timeline__body">{entry.body}</div>}
        </li>
      ))}
    </ol>
  );
}
