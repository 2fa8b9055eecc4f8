import { expect, GOOD_PASSWORD, test } from './fixtures';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

// The whole journey, sign-up to submission, with the keyboard alone: every control is reached with
// Tab, filled by typing, and every button pressed with Enter. Only the email's link is opened directly.
test.describe('Keyboard only', () => {
  test('a resident signs up, finds a service, fills, attaches and submits a request without a mouse', async ({ page, portal }) => {
    const { keyboard } = page;
    const type = async (label: string, text: string, exact = false) => {
      await portal.tabTo(page.getByLabel(label, { exact }));
      await keyboard.type(text);
    };

    await page.goto('/');
    await portal.tabTo(page.getByRole('link', { name: 'Créer un compte' }));
    await keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Créer un compte' })).toBeVisible();
    const email = portal.uniqueEmail();
    await type('Prénom', 'Marie');
    await type('Nom', 'Wahnyamalla', true);
    await type('Adresse électronique', email);
    await type('Mot de passe', GOOD_PASSWORD, true);
    await portal.tabTo(page.getByRole('button', { name: 'Créer mon compte' }));
    await keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Vérifiez votre messagerie' })).toBeVisible();
    await page.goto(portal.linkIn(await portal.mailTo(email, /Confirmez/)));
    await expect(page.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();

    // The finder: words typed, Enter, then the service's link.
    await portal.tabTo(page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Démarches' }));
    await keyboard.press('Enter');
    await type('Que voulez-vous faire ?', 'aide logement');
    await keyboard.press('Enter');
    await portal.tabTo(page.getByRole('link', { name: 'Aide au logement' }));
    await keyboard.press('Enter');
    await portal.tabTo(page.getByRole('link', { name: 'Faire cette démarche' }));
    await keyboard.press('Enter');
    await expect(page).toHaveURL(/\/demandes\/[0-9a-f-]+\/brouillon$/);

    await type('Loyer mensuel hors charges (XPF)', '85000');
    await portal.tabTo(page.getByLabel('Commune du logement'));
    await keyboard.type('Noum'); // a closed list picks the option whose start is typed
    await expect(page.getByLabel('Commune du logement')).toHaveValue('Nouméa');
    await type('Nombre de personnes composant le foyer', '3');
    await type('Ressources mensuelles du foyer (XPF)', '210000');
    await type('Téléphone', '25.12.34');

    // A document: the file input is reached with Tab and opened with Space, like the system's picker.
    for (const [label, name] of [['Justificatif de domicile de moins de 3 mois', 'quittance.pdf'], ['Dernier avis d\'imposition du foyer', 'avis.pdf']]) {
      await portal.tabTo(page.getByLabel(label, { exact: true }));
      const chooser = page.waitForEvent('filechooser');
      await keyboard.press('Space');
      await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: PDF });
      await expect(page.getByRole('listitem').filter({ hasText: name })).toBeVisible();
    }

    await portal.tabTo(page.getByRole('button', { name: 'Déposer ma demande' }));
    await keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Votre demande est déposée' })).toBeVisible();
    await expect(page.getByText(/^Référence : PS-\d{4}-\d{6}$/)).toBeVisible();
    await portal.keyboardPass();
    // The request's own page, with its timeline, messages and withdrawal.
    await page.goto(page.url().replace(/\/confirmation$/, ''));
    await expect(page.getByRole('heading', { level: 1, name: /Aide au logement/ })).toBeVisible();
    await portal.keyboardPass();
  });

  test('every resident page: Tab goes through every control in order, on screen, with a visible focus ring, and leaves the page', async ({ page, portal }) => {
    const publicPages = ['/', '/demarches', '/demarches/DEL-AIDE-LOGEMENT', '/offres-emploi', '/connexion', '/inscription', '/mot-de-passe-oublie', '/reinitialiser-mot-de-passe?token=x', '/page-inconnue'];
    for (const path of publicPages) {
      await page.goto(path);
      await expect(page.locator('h1')).toBeVisible();
      expect((await portal.keyboardPass()).length, path).toBeGreaterThan(2);
    }

    await portal.signUp('Élise');
    const signedIn = ['/compte', '/compte/notifications', '/compte/donnees', '/demandes', '/entreprises', '/entreprises/rattacher'];
    for (const path of signedIn) {
      await page.goto(path);
      await expect(page.locator('h1')).toBeVisible();
      const stops = await portal.keyboardPass();
      expect(stops, path).toContain('Se déconnecter');
    }

    // A draft, with its many fields and the upload controls.
    await page.goto('/demarches/DEL-AIDE-LOGEMENT');
    await page.getByRole('link', { name: 'Faire cette démarche' }).click();
    await expect(page).toHaveURL(/\/brouillon$/);
    expect(await portal.keyboardPass()).toEqual(expect.arrayContaining(['Loyer mensuel hors charges (XPF)', 'Déposer ma demande']));
  });
});
