// The file states the applicant sees, in plain French (libs/requests workflow statuses).
const LABELS: Record<string, { label: string; tone: 'neutral' | 'info' | 'warning' | 'success' | 'danger' }> = {
  draft: { label: 'Brouillon', tone: 'neutral' },
  submitted: { label: 'Déposée', tone: 'info' },
  awaiting_applicant: { label: 'Informations demandées', tone: 'warning' },
  in_review: { label: 'En instruction', tone: 'info' },
  info_requested: { label: 'Informations demandées', tone: 'warning' },
  approved: { label: 'Acceptée', tone: 'success' },
  rejected: { label: 'Refusée', tone: 'danger' },
  closed: { label: 'Classée sans suite', tone: 'neutral' },
  withdrawn: { label: 'Retirée', tone: 'neutral' },
};

export function statusLabel(status: string): string {
  return LABELS[status]?.label ?? status;
}

export function StatusBadge({ status }: { status: string }) {
  const entry = LABELS[status] ?? { label: status, tone: 'neutral' as const };
  return <span className={`badge badge--${entry.tone}`}>{entry.label}</span>;
}
