// Plain French for the business vocabulary of the API (roles, mandate states, registry status).
export const ROLE_LABELS: Record<string, string> = {
  legal_representative: 'Représentant légal',
  admin: 'Administrateur',
  member: 'Membre',
};

export const LINK_ROLE_OPTIONS = [
  { value: 'legal_representative', label: 'Représentant légal', hint: 'Gérant, président ou directeur général inscrit au registre.' },
  { value: 'delegate', label: 'Délégué du représentant légal', hint: 'Vous agissez avec une délégation signée du représentant légal.' },
] as const;

export const MEMBER_STATUS: Record<string, { label: string; tone: 'neutral' | 'info' | 'warning' | 'success' | 'danger' }> = {
  pending: { label: 'En attente', tone: 'warning' },
  verified: { label: 'Mandat vérifié', tone: 'success' },
  expired: { label: 'Expiré', tone: 'neutral' },
  refused: { label: 'Refusé', tone: 'danger' },
  revoked: { label: 'Révoqué', tone: 'neutral' },
};

export const REGISTRY_STATUS: Record<string, string> = {
  active: 'En activité',
  struck_off: 'Radiée du registre',
  unknown: 'Non encore vérifiée auprès du registre',
};

export const DIRECTORATES = [
  { code: 'DEL', label: 'Direction de l’Emploi et du Logement (DEL)' },
  { code: 'DDET', label: 'Direction du Développement Économique et du Tourisme (DDET)' },
  { code: 'DAJI', label: 'Direction des Affaires Juridiques et Institutionnelles (DAJI)' },
] as const;

export type DirectorateCode = (typeof DIRECTORATES)[number]['code'];

/** "Toutes les directions" when the mandate is not limited. */
export function scopeLabel(directorates?: string[] | null, services?: string[] | null): string {
  const parts: string[] = [];
  parts.push(directorates && directorates.length > 0 ? directorates.join(', ') : 'Toutes les directions');
  if (services && services.length > 0) parts.push(`démarches : ${services.join(', ')}`);
  return parts.join(' — ');
}

/** The API types its nullable strings loosely; read them as text. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A RIDET as people write it: 0 122 531 001. */
export function formatRidet(ridet: string): string {
  const digits = ridet.replace(/\D/g, '');
  if (digits.length !== 10) return ridet;
  return `${digits.slice(0, 1)} ${digits.slice(1, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
}
