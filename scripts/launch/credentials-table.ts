import type { DemoCredential } from './prepare-database';

const HEADERS = ['Rôle / Role', 'Direction / Directorate', 'E-mail', 'Mot de passe / Password'] as const;

/** The demo accounts as a boxed table, bilingual headings (the people testing the portal read French). */
export function formatCredentialsTable(credentials: DemoCredential[]): string {
  const title = 'Comptes de démonstration / Demo accounts (développement uniquement / development only)';
  if (credentials.length === 0) return `${title}: aucun / none`;
  const rows = credentials.map((c) => [c.role, c.directorate ?? '—', c.email, c.password]);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const line = (left: string, fill: string, middle: string, right: string) =>
    left + widths.map((width) => fill.repeat(width + 2)).join(middle) + right;
  const row = (cells: readonly string[]) => `│ ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' │ ')} │`;
  const totp = credentials.find((c) => c.totpSecret)?.totpSecret;
  const secondFactor = totp
    ? [
        `Second facteur du personnel / Staff second factor (TOTP): ${totp}`,
        `  otpauth://totp/Province%20Sud?secret=${totp}&issuer=Province%20Sud — ou / or: node -e "console.log(require('otplib').authenticator.generate('${totp}'))"`,
      ]
    : [];
  return [
    title,
    line('┌', '─', '┬', '┐'),
    row(HEADERS),
    line('├', '─', '┼', '┤'),
    ...rows.map(row),
    line('└', '─', '┴', '┘'),
    ...secondFactor,
  ].join('\n');
}
