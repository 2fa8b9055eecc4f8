import type { ContractType } from '../api/job-offers';

export const CONTRACT_TYPES: { value: ContractType; label: string }[] = [
  { value: 'cdi', label: 'CDI' },
  { value: 'cdd', label: 'CDD' },
  { value: 'interim', label: 'Intérim' },
  { value: 'apprentissage', label: 'Apprentissage' },
];

const xpf = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** Whole francs CFP, as written locally: 320 000 F CFP. */
export function formatXpf(amount: number): string {
  return `${xpf.format(amount)} F CFP`;
}

/** The API types its nullable values loosely; read them as what they are. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function amount(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}
