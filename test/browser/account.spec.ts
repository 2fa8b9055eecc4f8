import { expect, GOOD_PASSWORD, test } from './fixtures';

test.describe('Account pages', () => {
  test('sign up, open the verification link from the email, land signed in', async ({ page, portal }) => {
    await page.goto('/inscription');
    await expect(page).toHaveTitle(/^Créer un compte — /);
    // The password rules are shown before anything is typed.
    await expect(page.getByText('compter au moins 12 caractères')).toBeVisible();
    await portal.screenshots('inscription');

    const email = portal.uniqueEmail();
    await page.getByLabel('Prénom').fill('Marie');
    await page.getByLabel('Nom', { exact: true }).fill('Wahnyamalla');
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Vérifiez votre messagerie' })).toBeVisible();
    await expect(page).toHaveTitle(/^Vérifiez votre messagerie — /);
    await portal.expectAccessible();

    const mail = await portal.mailTo(email, /Confirmez/);
    const link = portal.linkIn(mail);
    expect(link).toMatch(/\/verifier-email\?token=/);
    await page.goto(link);

    await expect(page).toHaveURL(/\/compte\?bienvenue=1$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
    await expect(page.getByText('Bienvenue, Marie !')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Menu principal' }).getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
    await expect(page).toHaveTitle(/^Mon profil — /);
    await portal.screenshots('compte');
  });

  test('a short password is refused beside the field and in the error summary, which takes focus', async ({ page, portal }) => {
    await page.goto('/inscription');
    await page.getByLabel('Prénom').fill('Jean');
    await page.getByLabel('Nom', { exact: true }).fill('Tjibaou');
    await page.getByLabel('Adresse électronique').fill(portal.uniqueEmail());
    await page.getByLabel('Mot de passe', { exact: true }).fill('court');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'Il y a un problème' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: 'Au moins 12 caractères.' })).toBeVisible();
    await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveTitle(/^Erreur — Créer un compte/);
    await portal.expectAccessible();
  });

  test('profile in New Caledonian formats, sign out, and a protected page sends to sign in and back', async ({ page, portal }) => {
    const { email, password } = await portal.signUp('Paul');

    await page.getByLabel('Téléphone').fill('25 12 34');
    await page.getByLabel('Code postal').fill('98800');
    await page.getByLabel('Commune').selectOption('Païta');
    await page.getByLabel('Adresse', { exact: true }).fill('12 rue de Sébastopol');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Vos informations sont enregistrées.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Téléphone')).toHaveValue('+687 25.12.34');
    await expect(page.getByLabel('Commune')).toHaveValue('Païta');

    await page.getByLabel('Code postal').fill('75001');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toBeFocused();
    await expect(page.getByLabel('Code postal')).toHaveAttribute('aria-invalid', 'true');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible();

    await page.goto('/compte/notifications');
    await expect(page).toHaveURL(/\/connexion\?retour=%2Fcompte%2Fnotifications$/);
    await expect(page).toHaveTitle(/^Se connecter — /);
    await portal.screenshots('connexion');
    await portal.signIn(email, 'pas le bon mot de passe');
    await expect(page.getByRole('alert').filter({ hasText: 'L’adresse électronique ou le mot de passe est incorrect.' })).toBeFocused();
    await portal.signIn(email, password);
    await expect(page).toHaveURL(/\/compte\/notifications$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await expect(page).toHaveTitle(/^Notifications — /);
    await portal.expectAccessible();
  });

  test('forgotten password: the emailed link sets a new one', async ({ page, portal }) => {
    const { email } = await portal.signUp('Léa');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await expect(page).toHaveTitle(/^Mot de passe oublié — /);
    await portal.expectAccessible();
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await expect(page.getByText('Si un compte existe pour cette adresse')).toBeVisible();

    await page.goto(portal.linkIn(await portal.mailTo(email, /Réinitialisation/)));
    await expect(page).toHaveTitle(/^Choisir un nouveau mot de passe — /);
    await portal.expectAccessible();
    await page.getByLabel('Nouveau mot de passe').fill('un tout nouveau mot de passe');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe modifié' })).toBeVisible();
    await page.getByRole('link', { name: 'Se connecter' }).last().click();
    await portal.signIn(email, 'un tout nouveau mot de passe');
    await expect(page.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
  });

  test('my data: download the export, then erase the account with the password asked again', async ({ page, portal }) => {
    await portal.signUp('Nina');
    await page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Mes données' }).click();
    await expect(page).toHaveTitle(/^Mes données — /);
    await portal.screenshots('mes-donnees');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Télécharger mes données' }).click();
    expect((await download).suggestedFilename()).toBe('mes-donnees-portail-province-sud.json');

    await page.getByRole('button', { name: 'Supprimer mon compte' }).click();
    await page.getByLabel('Votre mot de passe').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Le mot de passe est incorrect.' })).toBeFocused();
    await page.getByLabel('Votre mot de passe').fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Votre compte est supprimé' })).toBeVisible();
    await expect(page).toHaveTitle(/^Compte supprimé — /);
    await expect(page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Se connecter' })).toBeVisible();
    await page.goto('/compte');
    await expect(page).toHaveURL(/\/connexion\?retour=%2Fcompte$/);
  });

  test('home and not-found pages: own titles, accessible at 1280 and 360 px', async ({ page, portal }) => {
    await page.goto('/');
    await expect(page).toHaveTitle(/^Accueil — /);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await portal.screenshots('accueil');
    await page.goto('/une-page-qui-n-existe-pas');
    await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
    await expect(page).toHaveTitle(/^Page introuvable — /);
    await portal.expectAccessible();
  });

  test('the skip link is the first stop of the keyboard and leads to the content', async ({ page }) => {
    await page.goto('/connexion');
    // The app renders after its script loads: press Tab once the page is there.
    await expect(page.getByRole('heading', { level: 1, name: 'Se connecter' })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#contenu')).toBeFocused();
  });
});
