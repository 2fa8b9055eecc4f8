import type { TeamMember, WorklistItem } from '../api/agent';

const xpf = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** Whole francs CFP, as written locally: 1 500 000 F CFP. */
export function formatXpf(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? '—' : `${xpf.format(amount)} F CFP`;
}

// The calendar day in Nouméa (deadline days are counted there, whatever the desk's clock zone).
const noumeaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Noumea', year: 'numeric', month: '2-digit', day: '2-digit' });
const DAY_MS = 24 * 3600 * 1000;
const shortDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Pacific/Noumea', dateStyle: 'short' });

/** 04/12/2026, in Nouméa time: for the worklist's narrow columns. */
export function formatShortDate(iso: string): string {
  return shortDate.format(new Date(iso));
}

/** Days from today to the due date, in Nouméa calendar days (negative once past). */
export function daysUntil(iso: string, now = new Date()): number {
  return Math.round((Date.parse(noumeaDay.format(new Date(iso))) - Date.parse(noumeaDay.format(now))) / DAY_MS);
}

/** "dans 12 jours", "aujourd’hui", "dépassée de 3 jours". */
export function countdown(iso: string, now = new Date()): string {
  const days = daysUntil(iso, now);
  if (days === 0) return 'aujourd’hui';
  if (days > 0) return `dans ${days} jour${days > 1 ? 's' : ''}`;
  return `dépassée de ${-days} jour${days < -1 ? 's' : ''}`;
}

export function personName(member: Pick<TeamMember, 'firstName' | 'lastName'>): string {
  return `${member.firstName} ${member.lastName}`;
}

/** Who holds the file, in words: "Vous", a colleague's name, or "Non attribué". */
export function assigneeLabel(assigneeId: string | null | undefined, me: string | undefined, team: TeamMember[] | undefined): string {
  if (!assigneeId) return 'Non attribué';
  if (assigneeId === me) return 'Vous';
  const member = team?.find((m) => m.id === assigneeId);
  return member ? personName(member) : 'Un agent';
}

/** The applicant of record: the business (with its RIDET) for a file filed on its behalf, else the person. */
export function applicantLabel(r: Pick<WorklistItem, 'business' | 'applicantName'>): string {
  return r.business ? `${r.business.legalName ?? 'Entreprise'} (RIDET ${r.business.ridet})` : r.applicantName;
}

export const ROLE_LABELS: Record<string, string> = { agent: 'Agent', supervisor: 'Superviseur', admin: 'Administrateur' };

export const MANDATE_ROLE_LABELS: Record<string, string> = {
  legal_representative: 'Représentant légal',
  admin: 'Administrateur de l’entreprise',
  member: 'Membre',
};

export const MANDATE_STATUS_LABELS: Record<string, string> = {
  pending: 'En attente de vérification',
  verified: 'Vérifié',
  refused: 'Refusé',
  revoked: 'Révoqué',
};

export const VERIFIED_VIA_LABELS: Record<string, string> = {
  daji: 'par la DAJI',
  business_admin: 'par un administrateur de l’entreprise',
  invitation: 'par une invitation acceptée',
};

// The worklist's status filter: what staff see (no drafts).
export const STATUS_OPTIONS = [
  { value: 'submitted', label: 'Déposée' },
  { value: 'in_review', label: 'En instruction' },
  { value: 'awaiting_applicant', label: 'Compléments demandés' },
  { value: 'approved', label: 'Acceptée' },
  { value: 'rejected', label: 'Refusée' },
  { value: 'closed', label: 'Classée sans suite' },
  { value: 'withdrawn', label: 'Retirée' },
] as const;
