import { MEMBER_STATUS } from './labels';

export function MemberStatusBadge({ status }: { status: string }) {
  const entry = MEMBER_STATUS[status] ?? { label: status, tone: 'neutral' as const };
  return <span className={`badge badge--${entry.tone}`}>{entry.label}</span>;
}
