import type { APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, expect, Portal, staffToken, test } from './fixtures';

// Staff act through the API as the seeded demo agents do (scripts/seed.ts, never in production).
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const tokenOf = staffToken;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** An agent's approval, once the worker has put the file in review (409: the file moved, read again). */
async function approve(request: APIRequestContext, agentToken: string, requestId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const view = (await (await request.get(`/api/agent/requests/${requestId}`, { headers: bearer(agentToken) })).json()) as { request: { status: string; version: number } };
        if (view.request.status !== 'in_review') return view.request.status;
        const decided = await request.post(`/api/agent/requests/${requestId}/transition`, { headers: bearer(agentToken), data: { action: 'approve', expectedVersion: view.request.version } });
        return decided.ok() ? 'approved' : `HTTP ${decided.status()}`;
      },
      { timeout: 20_000, message: `approval of ${requestId}` },
    )
    .toBe('approved');
}

/** `auth`: a bearer header, or none when the context carries the browser's session cookies. */
async function submit(request: APIRequestContext, auth: Record<string, string>, requestId: string): Promise<void> {
  const response = await request.post(`/api/requests/${requestId}/submit`, { headers: { ...auth, 'idempotency-key': randomUUID() }, data: {} });
  expect(response.status(), await response.text()).toBe(200);
}

/** The demo resident, verified legal representative of a registry business (link filed and approved through the API). */
async function verifiedBusiness(request: APIRequestContext, ridet: string): Promise<{ token: string; businessId: string }> {
  const token = await tokenOf(request, 'habitant@demo.portail.nc');
  const link = await request.post('/api/me/business-links', { headers: bearer(token), data: { ridet, role: 'legal_representative' } });
  expect(link.status(), await link.text()).toBe(201);
  const { requestId, businessId } = (await link.json()) as { requestId: string; businessId: string };
  const upload = await request.post(`/api/requests/${requestId}/documents`, {
    headers: bearer(token),
    multipart: { documentType: 'justificatif_pouvoir', file: { name: 'kbis.pdf', mimeType: 'application/pdf', buffer: PDF } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  await submit(request, bearer(token), requestId);
  await approve(request, await tokenOf(request, 'agent.daji@demo.portail.nc'), requestId);
  return { token, businessId };
}

/** A DEL job offer filed and submitted for the business; returns the file's id. */
async function fileOffer(request: APIRequestContext, auth: Record<string, string>, businessId: string, title: string, commune = 'Nouméa', contract = 'cdi'): Promise<string> {
  const draft = await request.post('/api/requests', {
    headers: auth,
    data: {
      serviceCode: 'DEL-OFFRE-EMPLOI',
      businessId,
      data: {
        intitule_poste: title,
        type_contrat: contract,
        commune_poste: commune,
        description_poste: 'Entretien et réparation de la flotte de camions de la carrière, permis C exigé, horaires de journée.',
        salaire_mensuel_brut: 320_000,
        date_prise_poste: '2027-02-01',
        email_contact: 'recrutement@exemple.nc',
      },
    },
  });
  expect(draft.status(), await draft.text()).toBe(201);
  const { id } = (await draft.json()) as { id: string };
  await submit(request, auth, id);
  return id;
}

/** A DEL job offer filed for the business and approved: on the public board once the effect has run. */
async function publishedOffer(request: APIRequestContext, owner: { token: string; businessId: string }, title: string, commune: string, contract: string): Promise<void> {
  const id = await fileOffer(request, bearer(owner.token), owner.businessId, title, commune, contract);
  await approve(request, await tokenOf(request, 'agent.del@demo.portail.nc'), id);
  await expect
    .poll(async () => ((await (await request.get('/api/job-offers', { params: { q: title } })).json()) as { items: unknown[] }).items.length, { timeout: 20_000 })
    .toBe(1);
}

test.describe('Businesses', () => {
  test('a resident links a business by RIDET, DAJI approves, a colleague invited by email joins', async ({ page, portal, browser, baseURL, request }) => {
    await portal.signUp('Marie');
    await page.goto('/entreprises');
    await expect(page).toHaveTitle(/^Mes entreprises — /);
    await expect(page.getByText('Aucune entreprise n’est encore rattachée à votre compte.')).toBeVisible();
    await portal.expectAccessible();

    await page.getByRole('link', { name: 'Rattacher une entreprise' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Rattacher une entreprise' })).toBeVisible();
    const ridet = page.getByLabel('Numéro RIDET de l’établissement');

    // An unknown RIDET: explained in the error summary, which takes focus, and beside the field.
    await ridet.fill('1 111 111 001');
    await page.getByRole('button', { name: 'Rechercher au registre' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Il y a un problème' })).toBeFocused();
    await expect(page).toHaveTitle(/^Erreur — Rattacher une entreprise/);
    await expect(ridet).toHaveAttribute('aria-invalid', 'true');
    await portal.expectAccessible();

    // A struck-off one: the registry's answer, and why it cannot be linked.
    await ridet.fill('7654321001');
    await page.getByRole('button', { name: 'Rechercher au registre' }).click();
    await expect(page.getByText('Cette entreprise est radiée du registre')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Confirmer le rattachement' })).toHaveCount(0);

    // The real one: the registry's answer shown before anything is created.
    await ridet.fill('1 234 567 001');
    await page.getByRole('button', { name: 'Rechercher au registre' }).click();
    const answer = page.getByRole('definition').filter({ hasText: 'Société Calédonienne de Démonstration' });
    await expect(answer).toBeVisible();
    await expect(page.getByText('En activité')).toBeVisible();
    await expect(page).toHaveTitle(/^Société Calédonienne de Démonstration — Rattacher une entreprise/);
    await portal.screenshots('entreprise-rattacher');
    // Keyboard only: the role and the confirmation.
    await page.getByRole('button', { name: 'Confirmer le rattachement' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'Indiquez à quel titre' })).toBeFocused();
    await page.getByLabel('Représentant légal', { exact: true }).check();
    await page.getByRole('button', { name: 'Confirmer le rattachement' }).click();

    // The DAJI file: the proof, then the submission.
    await expect(page.getByRole('heading', { level: 1, name: 'Justificatif de pouvoir' })).toBeVisible();
    const requestId = /\/entreprises\/rattachements\/([0-9a-f-]+)/.exec(page.url())![1];
    await expect(page.getByRole('button', { name: 'Déposer le dossier' })).toBeDisabled();
    await page.getByLabel('Justificatif de pouvoir').setInputFiles({ name: 'kbis.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(page.getByRole('status').filter({ hasText: 'kbis.pdf a été envoyé.' })).toHaveCount(1);
    await expect(page.getByRole('list', { name: 'Pièces jointes' })).toContainText('kbis.pdf');
    await portal.expectAccessible();
    await page.getByRole('button', { name: 'Déposer le dossier' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Suivi du rattachement' })).toBeVisible();
    await expect(page.getByText('Votre dossier est déposé')).toBeVisible();
    await expect(page).toHaveTitle(/^Suivi du rattachement — /);

    // The pending link, on my businesses, leads back to its file.
    await page.goto('/entreprises');
    await expect(page.getByRole('heading', { level: 2, name: 'Rattachements en attente' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Société Calédonienne de Démonstration' })).toContainText('En attente');
    await portal.expectAccessible();
    await page.getByRole('link', { name: 'Suivre le dossier de rattachement' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Suivi du rattachement' })).toBeVisible();

    // DAJI approves through the API; the page follows the file.
    await approve(request, await tokenOf(request, 'agent.daji@demo.portail.nc'), requestId);
    await expect(page.getByText('Votre rattachement est vérifié')).toBeVisible({ timeout: 15_000 });
    const businessId = /\/entreprises\/([0-9a-f-]+)$/.exec((await page.getByRole('link', { name: 'Ouvrir l’espace de Société Calédonienne de Démonstration' }).getAttribute('href'))!)![1];
    // Filing on the business's behalf: the service page says for whom, the draft is the business's.
    await page.goto(`/demarches/DDET-CREATION-ENTREPRISE?pour=${businessId}`);
    await expect(page.getByText('Pour l’entreprise Société Calédonienne de Démonstration.')).toBeVisible();
    await portal.expectAccessible();
    await page.getByRole('link', { name: 'Faire cette démarche' }).click();
    await page.waitForURL(/\/demandes\/[0-9a-f-]+\/brouillon$/);
    const draftId = /\/demandes\/([0-9a-f-]+)\/brouillon$/.exec(page.url())![1];
    const draft = (await (await page.request.get(`/api/requests/${draftId}`)).json()) as { serviceCode: string; business: { id: string } | null };
    expect(draft).toMatchObject({ serviceCode: 'DDET-CREATION-ENTREPRISE', business: { id: businessId } });
    // A file for the business, filed through the API with the browser's session.
    const offerFileId = await fileOffer(page.request, {}, businessId, 'Magasinier cariste');
    await page.goto(`/entreprises/${businessId}`);

    // The business space: identity, the verified mandate, its files.
    await expect(page.getByRole('heading', { level: 1, name: 'Société Calédonienne de Démonstration' })).toBeVisible();
    await expect(page).toHaveTitle(/^Société Calédonienne de Démonstration — /);
    await expect(page.getByRole('definition').filter({ hasText: /^1 234 567 001$/ })).toBeVisible();
    const mandate = page.getByRole('region', { name: 'Mon mandat' });
    await expect(mandate.getByText('Représentant légal')).toBeVisible();
    await expect(mandate.getByText('Mandat vérifié')).toBeVisible();
    const files = page.getByRole('table', { name: 'Demandes déposées pour l’entreprise' });
    await expect(files.getByRole('link', { name: 'Dépôt d\'une offre d\'emploi' })).toHaveAttribute('href', `/demandes/${offerFileId}`);
    await expect(page.getByRole('link', { name: 'Déposer une demande pour cette entreprise' })).toHaveAttribute('href', /\/demarches\?pour=business&entreprise=/);
    await portal.screenshots('entreprise');

    // An invitation by email, for a colleague who has no account yet.
    const colleagueEmail = portal.uniqueEmail();
    await page.getByLabel('Adresse électronique de la personne').fill(colleagueEmail);
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Invitation envoyée' })).toContainText(colleagueEmail);
    await expect(page.getByRole('list', { name: 'Historique de l’entreprise' })).toContainText('Invitation envoyée');
    const pending = page.getByRole('table', { name: 'Invitations envoyées, sans réponse à ce jour' });
    await expect(pending).toContainText(colleagueEmail);
    // A second invitation, sent to a wrong address, is withdrawn: its link stops working.
    const mistaken = portal.uniqueEmail();
    await page.getByLabel('Adresse électronique de la personne').fill(mistaken);
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await expect(pending).toContainText(mistaken);
    await pending.getByRole('button', { name: `Annuler l’invitation de ${mistaken}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `L’invitation de ${mistaken} est annulée` })).toBeVisible();
    await expect(pending).not.toContainText(mistaken);
    await expect(page.getByRole('list', { name: 'Historique de l’entreprise' })).toContainText('Invitation annulée');

    const other = await browser.newContext({ baseURL, locale: 'fr-FR', timezoneId: 'Pacific/Noumea' });
    try {
      const colleague = new Portal(await other.newPage());
      const mail = await colleague.mailTo(colleagueEmail, /^Invitation à rejoindre Société Calédonienne de Démonstration/);
      const invitationLink = colleague.linkIn(mail);
      // Signed out, the link asks to sign in first and to come back.
      await colleague.page.goto(invitationLink);
      await expect(colleague.page).toHaveURL(/\/connexion\?retour=%2Finvitations%3Ftoken%3D/);
      await colleague.signUp('Paul', colleagueEmail);
      await colleague.page.goto(invitationLink);
      await expect(colleague.page.getByRole('heading', { level: 1, name: 'Invitation à rejoindre une entreprise' })).toBeVisible();
      await colleague.expectAccessible();
      await colleague.page.getByRole('button', { name: 'Accepter l’invitation' }).click();
      await expect(colleague.page.getByRole('heading', { level: 1, name: 'Invitation acceptée' })).toBeVisible();
      await colleague.page.getByRole('link', { name: 'Ouvrir l’espace de Société Calédonienne de Démonstration' }).click();
      await expect(colleague.page.getByRole('heading', { level: 1, name: 'Société Calédonienne de Démonstration' })).toBeVisible();
      await expect(colleague.page.getByRole('region', { name: 'Mon mandat' }).getByText('Membre', { exact: true })).toBeVisible();
      await expect(colleague.page.getByRole('table', { name: 'Demandes déposées pour l’entreprise' }).getByRole('link', { name: 'Dépôt d\'une offre d\'emploi' })).toHaveAttribute(
        'href',
        `/demandes/${offerFileId}`,
      );
      await colleague.expectAccessible();
    } finally {
      await other.close();
    }

    // The manager sees the colleague among the members, and the history.
    await page.reload();
    const colleagueRow = page.getByRole('table', { name: 'Personnes qui agissent pour l’entreprise' }).getByRole('row').filter({ hasText: colleagueEmail });
    await expect(colleagueRow).toContainText('Toutes les directions');
    await expect(page.getByRole('table', { name: 'Invitations envoyées, sans réponse à ce jour' })).toHaveCount(0); // accepted: no longer waiting
    await portal.expectAccessible();

    // The manager narrows the colleague's mandate to the DEL, then revokes it.
    await colleagueRow.getByText('Modifier').click();
    await colleagueRow.getByLabel('Direction de l’Emploi et du Logement (DEL)').check();
    await colleagueRow.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Le mandat de Paul Wahnyamalla est modifié.' })).toBeVisible();
    await expect(colleagueRow).toContainText('DEL');
    await colleagueRow.getByRole('button', { name: 'Révoquer Paul Wahnyamalla' }).click();
    await colleagueRow.getByRole('button', { name: 'Confirmer la révocation de Paul Wahnyamalla' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Le mandat de Paul Wahnyamalla est révoqué.' })).toBeVisible();
    await expect(colleagueRow).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Historique de l’entreprise' })).toBeVisible();
  });
});

test.describe('Job board', () => {
  test('the public list of offers, filtered by commune and contract, and an offer page', async ({ page, portal, request }) => {
    const owner = await verifiedBusiness(request, '0087412001');
    await publishedOffer(request, owner, 'Chef de rang en bord de mer', 'Nouméa', 'cdd');
    await publishedOffer(request, owner, 'Cuisinier de brousse', 'Bourail', 'cdi');

    await page.goto('/offres-emploi');
    await expect(page).toHaveTitle(/^Offres d’emploi — /);
    await expect(page.getByRole('link', { name: 'Chef de rang en bord de mer' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Cuisinier de brousse' })).toBeVisible();
    await portal.screenshots('offres-emploi');

    await page.getByLabel('Commune').selectOption('Bourail');
    await page.getByLabel('Type de contrat').selectOption('cdi');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page).toHaveURL(/commune=Bourail/);
    await expect(page).toHaveTitle(/^Résultats — Offres d’emploi/);
    await expect(page.getByRole('link', { name: 'Cuisinier de brousse' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Chef de rang en bord de mer' })).toHaveCount(0);
    await portal.expectAccessible();

    await page.getByRole('link', { name: 'Cuisinier de brousse' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Cuisinier de brousse' })).toBeVisible();
    await expect(page).toHaveTitle(/^Cuisinier de brousse — /);
    await expect(page.getByText('320 000 F CFP')).toBeVisible();
    await expect(page.getByRole('link', { name: 'recrutement@exemple.nc' })).toHaveAttribute('href', 'mailto:recrutement@exemple.nc');
    await portal.screenshots('offre-emploi');

    // The owner's offers in the business space, and a withdrawal that takes it off the board.
    const ownerPage = page;
    await ownerPage.goto(`/entreprises/${owner.businessId}`);
    await portal.signIn('habitant@demo.portail.nc', DEMO_PASSWORD);
    await expect(ownerPage.getByRole('heading', { level: 1, name: 'Restaurant Le Tamanou' })).toBeVisible();
    const offers = ownerPage.getByRole('table', { name: 'Offres d’emploi de l’entreprise' });
    await expect(offers.getByRole('row')).toHaveCount(3);
    await offers.getByRole('button', { name: 'Retirer l’offre Cuisinier de brousse' }).click();
    await expect(ownerPage.getByText('L’offre « Cuisinier de brousse » est retirée du site.')).toBeVisible();
    await ownerPage.goto('/offres-emploi');
    await expect(ownerPage.getByRole('link', { name: 'Chef de rang en bord de mer' })).toBeVisible();
    await expect(ownerPage.getByRole('link', { name: 'Cuisinier de brousse' })).toHaveCount(0);
  });
});
