import type { ApplicantKind, DirectorateCode } from '../api/catalogue';

export const DIRECTORATES: { code: DirectorateCode; name: string }[] = [
  { code: 'DEL', name: 'Emploi et logement (DEL)' },
  { code: 'DDET', name: 'Développement économique et tourisme (DDET)' },
  { code: 'DAJI', name: 'Affaires juridiques et institutionnelles (DAJI)' },
];

export function whoMayAsk(kinds: readonly ApplicantKind[]): string {
  const person = kinds.includes('person');
  const business = kinds.includes('business');
  if (person && business) return 'Les particuliers, et les entreprises par une personne qui agit pour elles.';
  if (business) return 'Les entreprises, par une personne rattachée à leur profil professionnel (numéro RIDET).';
  return 'Les particuliers, pour eux-mêmes.';
}
