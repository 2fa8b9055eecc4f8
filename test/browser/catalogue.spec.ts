import { expect, test } from './fixtures';

test.describe('Service finder', () => {
  test('search by words ignoring accents and case, filter by who asks and by directorate', async ({ page, portal }) => {
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Rechercher une démarche' }).fill('CREATION entreprise');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/\/demarches\?q=CREATION\+entreprise$/);
    await expect(page).toHaveTitle(/^Recherche « CREATION entreprise » — Démarches — /);
    await expect(page.getByRole('status')).toHaveText('1 démarche');
    await expect(page.getByRole('link', { name: 'Aide à la création d’entreprise' }).or(page.getByRole('link', { name: "Aide à la création d'entreprise" }))).toBeVisible();
    await portal.screenshots('demarches');

    await page.getByLabel('Que voulez-vous faire ?').fill('');
    await page.getByLabel('Pour mon entreprise').check();
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/pour=business/);
    await expect(page.getByRole('link', { name: 'Aide au logement' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /investissement touristique/ })).toBeVisible();

    await page.getByLabel('Pour moi').check();
    await page.getByLabel('Direction').selectOption('DEL');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByRole('link', { name: 'Aide au logement' })).toBeVisible();
    await expect(page.getByRole('link', { name: /investissement touristique/ })).toHaveCount(0);

    await page.getByLabel('Que voulez-vous faire ?').fill('zzz introuvable');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByRole('status')).toHaveText('Aucune démarche ne correspond');
    await portal.expectAccessible();
  });

  test('a service page says what it is, who may ask, the documents and the deadline rule', async ({ page, portal }) => {
    await page.goto('/demarches?q=logement');
    await page.getByRole('link', { name: 'Aide au logement' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Aide au logement' })).toBeVisible();
    await expect(page).toHaveTitle(/^Aide au logement — /);
    await expect(page.getByText('Les particuliers, pour eux-mêmes.')).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Justificatif de domicile de moins de 3 mois' })).toBeVisible();
    await expect(page.getByText(/délai de 2\smois/)).toBeVisible();
    await portal.screenshots('demarche');

    await page.goto('/demarches/NOPE-INCONNUE');
    await expect(page.getByRole('heading', { level: 1, name: 'Démarche introuvable' })).toBeVisible();
    await portal.expectAccessible();
  });
});
