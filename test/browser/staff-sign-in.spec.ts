import { authenticator } from 'otplib';
import { expect, GOOD_PASSWORD, staffToken, test } from './fixtures';

test.describe('Staff sign-in with a second factor', () => {
  test('a demo agent gives the code after the password and reaches their profile; a wrong code is refused', async ({ page, portal }) => {
    await page.goto('/connexion');
    await portal.signIn('agent.ddet@demo.portail.nc', 'demo-portail-province-sud');
    const heading = page.getByRole('heading', { level: 1, name: 'Code de vérification' });
    await expect(heading).toBeFocused();
    await expect(page).toHaveTitle(/^Code de vérification — /);
    await portal.screenshots('connexion-code');

    await page.getByLabel('Code à 6 chiffres').fill('000000');
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect(page.getByRole('alert')).toContainText('Ce code n’est pas valide');
    await expect(page).toHaveTitle(/^Erreur — Code de vérification — /);

    await portal.signInStaff('agent.ddet@demo.portail.nc');
    await page.goto('/compte');
    await expect(page.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
    await expect(page.getByText('agent.ddet@demo.portail.nc')).toBeVisible();
  });

  test('a new agent enrols at first sign-in (QR code, first code, recovery codes), then signs in again with a recovery code', async ({ page, portal, playwright }) => {
    // An admin creates the agent; the welcome email's link sets the password.
    const admin = await playwright.request.newContext({ baseURL: process.env.PORTAL_URL });
    const adminToken = await staffToken(admin, 'admin@demo.portail.nc');
    const email = portal.uniqueEmail().replace('habitant', 'agent');
    const created = await admin.post('/api/admin/agents', { headers: { authorization: `Bearer ${adminToken}` }, data: { email, firstName: 'Paul', lastName: 'Néaoutyine', role: 'agent', directorateCode: 'DEL' } });
    expect(created.status()).toBe(201);
    await admin.dispose();
    await page.goto(portal.linkIn(await portal.mailTo(email, /Votre compte agent/)));
    await page.getByLabel('Nouveau mot de passe').fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByRole('link', { name: 'Se connecter' }).click();

    await portal.signIn(email, GOOD_PASSWORD);
    await expect(page.getByRole('heading', { level: 1, name: 'Activer la vérification en deux étapes' })).toBeFocused();
    await expect(page.getByRole('img', { name: 'Code QR à scanner avec l’application d’authentification' })).toBeVisible();
    await portal.screenshots('connexion-activation');
    // The authenticator app reads the key beside the QR code.
    const secret = (await page.locator('code.secret-key').textContent())!.replace(/\s/g, '');
    await page.getByLabel('Code à 6 chiffres').fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Activer et se connecter' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Vos codes de secours' })).toBeFocused();
    const codes = await page.getByRole('list', { name: 'Codes de secours' }).getByRole('listitem').allTextContents();
    expect(codes.length).toBeGreaterThanOrEqual(8);
    await portal.screenshots('connexion-codes-de-secours');
    await page.getByRole('button', { name: 'J’ai noté mes codes, continuer' }).click();
    await expect(page).not.toHaveURL(/\/connexion/);
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('button', { name: 'Se déconnecter' }).click();

    // Phone lost: one recovery code stands in for the app's code, once.
    await portal.signIn(email, GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
    await page.getByLabel('Code de secours').fill(codes[0]);
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect(page).not.toHaveURL(/\/connexion/);
    await page.goto('/compte');
    await expect(page.getByText(email)).toBeVisible();
  });
});
