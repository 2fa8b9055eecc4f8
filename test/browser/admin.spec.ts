import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expect, Portal, staffToken, test } from './fixtures';

const ADMIN = 'admin@demo.portail.nc';

/** The demo admin signed in: the second factor through the API (page.request shares the page's cookies). */
async function signInAsAdmin(page: Page): Promise<void> {
  await staffToken(page.request, ADMIN);
}

/** A service of its own for a test, published (version 1) by the admin through the API. */
async function publishService(page: Page, title: string): Promise<string> {
  const code = `ADMIN-TEST-${randomBytes(3).toString('hex').toUpperCase()}`;
  const created = await page.request.post(`/api/catalogue/services/${code}/versions`, {
    data: {
      title,
      description: 'Une démarche des tests de l’administration.',
      directorateCode: 'DEL',
      applicantKinds: ['person'],
      formSchema: { version: 1, fields: [{ key: 'commune', type: 'commune', label: 'Commune de résidence', required: true }] },
      requiredDocuments: [],
      deadlineRule: { outcome: 'implicit_rejection', duration: { unit: 'months', value: 2 }, suspendedWhileAwaitingApplicant: true },
      open: true,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return code;
}

/** Keyboard only: Tab (at most `max` times) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target, 'reached with the Tab key').toBeFocused();
}

test.describe('Administration', () => {
  test('an admin publishes a new version of a form with a live preview; a new request gets it, a draft begun before keeps its own', async ({ page, portal, browser }) => {
    await signInAsAdmin(page);
    const code = await publishService(page, 'Aide aux tests de version');

    // A resident begins a draft under version 1, in a browser of their own.
    const residentContext = await browser.newContext({ baseURL: process.env.PORTAL_URL, locale: 'fr-FR', timezoneId: 'Pacific/Noumea' });
    const residentPage = await residentContext.newPage();
    await new Portal(residentPage).signUp('Léa');
    await residentPage.goto(`/demandes/nouvelle?service=${code}`);
    await expect(residentPage).toHaveURL(/\/demandes\/[0-9a-f-]+\/brouillon$/);
    const oldDraft = residentPage.url();
    await residentPage.getByLabel('Commune de résidence').selectOption('Bourail');
    await expect(residentPage.getByRole('status').filter({ hasText: /^Brouillon enregistré/ })).toBeVisible();

    // The admin adds a question; the preview shows it as the resident will see it, as it is typed.
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administration' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Administration du portail' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Démarches' }).click();
    await page.getByRole('link', { name: 'Aide aux tests de version' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Aide aux tests de version' })).toBeVisible();
    await page.getByRole('link', { name: 'Publier une nouvelle version' }).click();
    const preview = page.getByRole('region', { name: 'Aperçu pour le demandeur' });
    await expect(preview.getByLabel('Commune de résidence')).toBeVisible();

    await page.getByRole('button', { name: 'Ajouter une question' }).click();
    const label = page.getByRole('group', { name: /^Question n° 2/ }).getByLabel('Libellé');
    await expect(label).toBeFocused();
    await label.fill("Nombre d'enfants à charge");
    await page.getByRole('group', { name: /^Question n° 2/ }).getByLabel('Clé', { exact: true }).fill('enfants');
    await page.getByRole('group', { name: /^Question n° 2/ }).getByLabel('Type de réponse').selectOption('integer');
    await page.getByRole('group', { name: /^Question n° 2/ }).getByLabel('Réponse obligatoire').check();
    await expect(preview.getByLabel("Nombre d'enfants à charge", { exact: true })).toBeVisible();
    await expect(preview.getByLabel("Nombre d'enfants à charge", { exact: true })).toHaveAttribute('inputmode', 'numeric');
    // Reordering by keyboard: focus stays on the moved question's button; the preview follows.
    await page.getByRole('button', { name: 'Monter la question n° 2' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('group', { name: /^Question n° 1/ })).toHaveAccessibleName("Question n° 1 : Nombre d'enfants à charge");
    await expect(page.getByRole('button', { name: 'Descendre la question n° 1' })).toBeFocused();
    const order = async () => ((t) => t.indexOf("Nombre d'enfants") < t.indexOf('Commune de résidence'))(await preview.innerText());
    await expect.poll(order).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Monter la question n° 2' })).toBeFocused();
    await expect(page.getByRole('group', { name: /^Question n° 2/ })).toHaveAccessibleName("Question n° 2 : Nombre d'enfants à charge");
    await expect.poll(order).toBe(false);
    await portal.screenshots('admin-nouvelle-version');

    // An error of the API is shown beside its question: a key the form already uses.
    await page.getByRole('group', { name: /^Question n° 2/ }).getByLabel('Clé', { exact: true }).fill('commune');
    await page.getByRole('button', { name: 'Publier la version' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Il y a un problème' });
    await expect(summary).toBeFocused();
    await expect(page.getByRole('group', { name: /^Question n° 2/ }).getByLabel('Clé', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('group', { name: /^Question n° 2/ }).getByLabel('Clé', { exact: true }).fill('enfants');
    await page.getByRole('button', { name: 'Publier la version' }).click();
    await expect(page.getByText('Version 2 publiée')).toBeVisible();
    await expect(page.getByRole('row', { name: /Version 2/ })).toBeVisible();
    await portal.screenshots('admin-demarche');

    // A new request follows version 2…
    await residentPage.goto(`/demandes/nouvelle?service=${code}`);
    await expect(residentPage).toHaveURL(/\/demandes\/[0-9a-f-]+\/brouillon$/);
    expect(residentPage.url()).not.toBe(oldDraft);
    await expect(residentPage.getByLabel("Nombre d'enfants à charge")).toBeVisible();
    // …while the draft begun before keeps version 1: its form, its answers, and it can be filed.
    await residentPage.goto(oldDraft);
    await expect(residentPage.getByLabel('Commune de résidence')).toHaveValue('Bourail');
    await expect(residentPage.getByLabel("Nombre d'enfants à charge")).toHaveCount(0);
    await residentPage.getByRole('button', { name: 'Déposer ma demande' }).click();
    await expect(residentPage.getByRole('heading', { level: 1, name: 'Votre demande est déposée' })).toBeVisible();
    await residentContext.close();
  });

  test('a resident cannot open /admin: the not-found page, no admin data or code fetched; a visitor is asked to sign in', async ({ page, portal }) => {
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto('/admin/personnel');
    await expect(page).toHaveURL(/\/connexion\?retour=%2Fadmin%2Fpersonnel$/);

    await portal.signUp('Curieux');
    await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
    for (const path of ['/admin', '/admin/personnel', '/admin/demarches', '/admin/journal']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Administration' })).toHaveCount(0);
    }
    expect(fetched.filter((p) => p.startsWith('/api/admin'))).toEqual([]);
    // The pages' code is not even downloaded (only the small guard of the area).
    expect(fetched.filter((p) => /(StaffPage|ServicesPage|AuditPage|PublishVersionPage|WebhooksPage|DeadLettersPage)/.test(p))).toEqual([]);
  });

  test('every admin page with the keyboard alone, axe-clean at 1280 and 360 px: staff, services, webhooks, dead letters, audit chain', async ({ page, portal }) => {
    // Nine pages, each checked with axe at two widths.
    test.setTimeout(180_000);
    await signInAsAdmin(page);
    const code = await publishService(page, 'Aide aux tests du clavier');

    await page.goto('/admin');
    await expect(page.getByRole('heading', { level: 1, name: 'Administration du portail' })).toBeVisible();
    await expect(page).toHaveTitle(/^Administration — /);
    await portal.screenshots('admin-accueil');

    // Staff: create an agent of DDET, then deactivate them, keyboard only.
    await tabTo(page, page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Personnel' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Personnel' })).toBeVisible();
    await expect(page.getByRole('row', { name: /Alice Administratrice/ })).toContainText('Votre compte');
    const email = `agent.${randomBytes(3).toString('hex')}@province-sud.nc`;
    await tabTo(page, page.getByLabel('Prénom'));
    await page.keyboard.type('Paul');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Tein');
    await page.keyboard.press('Tab');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // Superviseur
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // DDET
    await tabTo(page, page.getByRole('button', { name: 'Créer le compte' }));
    await page.keyboard.press('Enter');
    await expect(page.getByText('Paul Tein a reçu un courriel pour choisir son mot de passe.')).toBeVisible();
    const row = page.getByRole('row', { name: /Paul Tein/ });
    await expect(row).toContainText('Superviseur');
    await expect(row).toContainText('DDET');
    await portal.mailTo(email, /./);
    await tabTo(page, row.getByRole('button', { name: 'Désactiver Paul Tein' }));
    await page.keyboard.press('Enter');
    await expect(row.getByRole('button', { name: 'Confirmer la désactivation' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Le compte de Paul Tein est désactivé.')).toBeVisible();
    await expect(row).toContainText('Désactivé');
    await portal.screenshots('admin-personnel');

    // Services: the list, a service, closing it.
    await page.goto('/admin/demarches');
    await expect(page.getByRole('heading', { level: 1, name: 'Démarches' })).toBeVisible();
    await portal.screenshots('admin-demarches');
    await tabTo(page, page.getByRole('link', { name: 'Aide aux tests du clavier' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Fermer la démarche' }));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Démarche fermée')).toBeVisible();
    await expect(page.getByRole('row', { name: /Version 2/ })).toContainText('Fermée');
    const open = (await (await page.request.get('/api/catalogue/services')).json()) as Array<{ code: string }>;
    expect(open.map((s) => s.code)).not.toContain(code);

    // Webhooks: subscribe, the secret shown once; the deliveries page; a replay.
    await page.goto('/admin/webhooks');
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    await tabTo(page, page.getByLabel('Adresse de réception'));
    await page.keyboard.type('https://gestion.exemple.nc/webhooks/portail');
    await tabTo(page, page.getByRole('checkbox', { name: 'Décision rendue' }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Créer l’abonnement' }));
    await page.keyboard.press('Enter');
    await expect(page.getByText('Abonnement créé')).toBeVisible();
    await expect(page.getByText(/^whsec_/)).toBeVisible();
    await portal.screenshots('admin-webhooks');
    await tabTo(page, page.getByRole('link', { name: 'https://gestion.exemple.nc/webhooks/portail' }).first());
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Livraisons du webhook' })).toBeVisible();
    await tabTo(page, page.getByRole('button', { name: 'Renvoyer' }));
    await page.keyboard.press('Enter');
    await expect(page.getByText(/livraisons? remises? en file d’envoi/)).toBeVisible();
    await portal.screenshots('admin-webhook-livraisons');

    // Dead letters: the list (empty on this fresh portal).
    await page.goto('/admin/lettres-mortes');
    await expect(page.getByRole('heading', { level: 1, name: 'Tâches en échec' })).toBeVisible();
    await portal.screenshots('admin-taches-en-echec');

    // The audit chain, checked on demand; its anchor checked the next time.
    await page.goto('/admin/journal');
    await tabTo(page, page.getByRole('button', { name: 'Vérifier la chaîne' }));
    await page.keyboard.press('Enter');
    await expect(page.getByText('La chaîne est intacte')).toBeVisible();
    const anchor = await page.locator('code').innerText();
    expect(anchor).toMatch(/^\d+:[0-9a-f]{64}$/);
    await tabTo(page, page.getByLabel('Ancre d’une vérification précédente (facultatif)'));
    await page.keyboard.type(anchor);
    await page.keyboard.press('Enter');
    await expect(page.getByText('La chaîne est intacte')).toBeVisible();
    await portal.screenshots('admin-journal');
  });
});
