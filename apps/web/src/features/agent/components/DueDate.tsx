import type { WorklistItem } from '../api/agent';
import { countdown } from './labels';

/** The due date with its countdown, and a mark once it has passed on an open file. */
export function DueDate({ request: r }: { request: Pick<WorklistItem, 'deadline' | 'overdue'> }) {
  if (!r.deadline) return <>—</>;
  return (
    <span className="due-date">
      <time dateTime={r.deadline.dueAt}>{r.deadline.dueDate}</time>{' '}
      {r.overdue ? (
        <span className="badge badge--danger">En retard</span>
      ) : (
        <span className="due-date__countdown">({countdown(r.deadline.dueAt)})</span>
      )}
      {r.deadline.suspended && <span className="due-date__countdown"> — délai suspendu</span>}
    </span>
  );
}
