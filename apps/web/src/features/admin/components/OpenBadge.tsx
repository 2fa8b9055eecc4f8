export function OpenBadge({ open }: { open: boolean }) {
  return <span className={open ? 'badge badge--success' : 'badge badge--neutral'}>{open ? 'Ouverte' : 'Fermée'}</span>;
}
