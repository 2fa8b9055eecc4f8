import { expect, test } from './fixtures';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

test.describe('Filing a request', () => {
  test('a draft from the service form, autosaved; errors shown beside fields; documents; submission with its reference and due date', async ({ page, portal }) => {
    await portal.signUp('Sylvie');
    await page.goto('/demarches/DEL-AIDE-LOGEMENT');
    await page.getByRole('link', { name: 'Faire cette démarche' }).click();
    await expect(page).toHaveURL(/\/demandes\/[0-9a-f-]+\/brouillon$/);
    await expect(page).toHaveTitle(/^Aide au logement — Brouillon — /);

    await page.getByLabel('Loyer mensuel hors charges (XPF)').fill('85 000');
    await page.getByLabel('Commune du logement').selectOption('Nouméa');
    await page.getByLabel('Nombre de personnes composant le foyer').fill('3');
    await page.getByLabel('Ressources mensuelles du foyer (XPF)').fill('210000');
    await page.getByLabel('Téléphone').fill('25.12.34');
    await expect(page.getByRole('status').filter({ hasText: /^Brouillon enregistré à \d\d h \d\d$/ })).toBeVisible();

    // The draft is kept: a reload shows the answers.
    await page.reload();
    await expect(page.getByLabel('Loyer mensuel hors charges (XPF)')).toHaveValue('85000');
    await expect(page.getByLabel('Commune du logement')).toHaveValue('Nouméa');

    // Documents missing: the API's errors, in the summary (focused) and beside each field.
    await page.getByRole('button', { name: 'Déposer ma demande' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Il y a un problème' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: /Justificatif de domicile/ })).toBeVisible();
    await expect(page.getByLabel('Justificatif de domicile de moins de 3 mois', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await portal.screenshots('brouillon');

    // The size limit and the accepted types are told up front.
    await expect(page.getByText('Formats acceptés : PDF, JPEG, PNG. Taille maximale : 10 Mo.').first()).toBeVisible();
    await page.getByLabel('Justificatif de domicile de moins de 3 mois', { exact: true }).setInputFiles({ name: 'quittance.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(page.getByRole('listitem').filter({ hasText: 'quittance.pdf' })).toBeVisible();
    await page.getByLabel('Dernier avis d\'imposition du foyer', { exact: true }).setInputFiles({ name: 'avis.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(page.getByRole('listitem').filter({ hasText: 'avis.pdf' })).toBeVisible();

    await page.getByRole('button', { name: 'Déposer ma demande' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Votre demande est déposée' })).toBeVisible();
    await expect(page.getByText(/^Référence : PS-\d{4}-\d{6}$/)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /^Date limite de décision : \d\d\/\d\d\/\d{4}$/ })).toBeVisible();
    await expect(page).toHaveTitle(/^Demande PS-\d{4}-\d{6} déposée — /);
    await portal.screenshots('demande-deposee');
  });
});
