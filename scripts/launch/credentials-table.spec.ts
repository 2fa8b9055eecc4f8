import { formatCredentialsTable } from './credentials-table';

describe('formatCredentialsTable', () => {
  it('lays out every account in aligned columns with bilingual headings', () => {
    const table = formatCredentialsTable([
      { role: 'citizen', email: 'usager@demo.nc', password: 'Demo-usager-2024' },
      { role: 'agent', email: 'agent.daji@demo.nc', password: 'Demo-agent-2024', directorate: 'DAJI' },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toContain('Comptes de démonstration / Demo accounts');
    expect(table).toContain('Rôle / Role');
    expect(table).toContain('Mot de passe / Password');
    expect(lines.find((line) => line.includes('usager@demo.nc'))).toContain('—');
    expect(lines.find((line) => line.includes('agent.daji@demo.nc'))).toContain('DAJI');
    const widths = new Set(lines.slice(1).map((line) => line.length));
    expect(widths.size).toBe(1);
  });

  it('prints the staff TOTP secret under the table when staff have one', () => {
    const table = formatCredentialsTable([{ role: 'agent', email: 'agent.del@demo.nc', password: 'x', directorate: 'DEL', totpSecret: 'KVKFKRCP' }]);
    expect(table.split('\n').at(-2)).toBe('Second facteur du personnel / Staff second factor (TOTP): KVKFKRCP');
  });

  it('says so when there is no demo account', () => {
    expect(formatCredentialsTable([])).toMatch(/aucun \/ none$/);
  });
});
