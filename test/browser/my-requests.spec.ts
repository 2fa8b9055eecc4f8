import { request as http, type APIRequestContext } from '@playwright/test';
import { expect, Portal, staffToken, test } from './fixtures';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A DEL staff member of the seeded demo data, through the API (tests set up through the API). */
async function staff(email: string): Promise<APIRequestContext> {
  const anonymous = await http.newContext({ baseURL: process.env.PORTAL_URL });
  const accessToken = await staffToken(anonymous, email);
  await anonymous.dispose();
  return http.newContext({ baseURL: process.env.PORTAL_URL, extraHTTPHeaders: { authorization: `Bearer ${accessToken}` } });
}

test.describe('My requests', () => {
  test('the list, a file with its deadline and timeline, updated live when the agent asks for information; answering it; others see nothing', async ({ page, portal, browser }) => {
    await portal.signUp('Odile');
    // File a housing aid request through the pages.
    await page.goto('/demandes/nouvelle?service=DEL-AIDE-LOGEMENT');
    await page.getByLabel('Loyer mensuel hors charges (XPF)').fill('85000');
    await page.getByLabel('Commune du logement').selectOption('Dumbéa');
    await page.getByLabel('Nombre de personnes composant le foyer').fill('2');
    await page.getByLabel('Ressources mensuelles du foyer (XPF)').fill('180000');
    await page.getByLabel('Téléphone').fill('25.12.34');
    await page.getByLabel('Justificatif de domicile de moins de 3 mois', { exact: true }).setInputFiles({ name: 'quittance.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(page.getByRole('listitem').filter({ hasText: 'quittance.pdf' })).toBeVisible();
    await page.getByLabel('Dernier avis d\'imposition du foyer', { exact: true }).setInputFiles({ name: 'avis.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(page.getByRole('listitem').filter({ hasText: 'avis.pdf' })).toBeVisible();
    await page.getByRole('button', { name: 'Déposer ma demande' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Votre demande est déposée' })).toBeVisible();
    const reference = (await page.getByText(/^Référence : /).innerText()).replace('Référence : ', '');

    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mes demandes' }).click();
    await expect(page).toHaveTitle(/^Mes demandes — /);
    const row = page.getByRole('row').filter({ hasText: reference });
    await expect(row).toBeVisible();
    await portal.screenshots('mes-demandes');
    await row.getByRole('link', { name: 'Aide au logement' }).click();
    await expect(page).toHaveURL(/\/demandes\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await expect(page).toHaveTitle(new RegExp(`^Demande ${reference} — `));
    await expect(page.getByText(/^Décision attendue au plus tard le \d\d\/\d\d\/\d{4}$/)).toBeVisible();
    await expect(page.getByRole('list', { name: 'Historique' }).getByRole('listitem').first()).toBeVisible();
    // The worker's intake routes the file to DEL: the page shows it without a reload.
    await expect(page.getByText('En instruction')).toBeVisible({ timeout: 20_000 });

    // The agent asks for information, through the API: the page updates live and says so.
    const supervisor = await staff('superviseur.del@demo.portail.nc');
    const file = (await (await supervisor.get(`/api/agent/requests/${id}`)).json()) as { request: { version: number } };
    const asked = await supervisor.post(`/api/agent/requests/${id}/transition`, {
      data: { action: 'request_info', message: 'Merci de joindre le bail.', expectedVersion: file.request.version },
    });
    expect(asked.status(), await asked.text()).toBe(200);
    await expect(page.getByText('Compléments demandés')).toBeVisible();
    await expect(page.getByText(/^Mise à jour : /)).toBeAttached();
    await expect(page.getByText('Le délai est suspendu tant que vous n’avez pas répondu.')).toBeVisible();
    await portal.screenshots('demande');

    await page.getByLabel('Votre réponse').fill('Le bail est joint.');
    await page.getByRole('button', { name: 'Répondre et renvoyer ma demande' }).click();
    await expect(page.getByText('Compléments demandés')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Des informations vous sont demandées' })).toHaveCount(0);

    // Messages both ways.
    await page.getByLabel('Écrire à la province').fill('Bonjour, une question sur le montant.');
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: 'Bonjour, une question sur le montant.' })).toBeVisible();
    await supervisor.dispose();

    // Another resident opening this file sees a not-found page, with nothing of it.
    const other = await browser.newContext({ baseURL: process.env.PORTAL_URL });
    const otherPage = await other.newPage();
    await new Portal(otherPage).signUp('Intrus');
    await otherPage.goto(`/demandes/${id}`);
    await expect(otherPage.getByRole('heading', { level: 1, name: 'Demande introuvable' })).toBeVisible();
    await expect(otherPage.getByText(reference)).toHaveCount(0);
    await expect(otherPage.getByText('Aide au logement')).toHaveCount(0);
    await other.close();
  });
});
