import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, Portal, staffToken, test } from './fixtures';

// The back office (/agent): agents and supervisors of the seeded demo directorates (scripts/seed.ts).
// Test 1's agent signs in through the page; the others through the API with page.request, which
// shares the page's cookies. Files are set up through the API, checked through the pages.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// One API session per account for the whole file: a second factor's code serves once per 30 s step.
const tokens = new Map<string, Promise<string>>();
function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  if (!tokens.has(email)) tokens.set(email, staffToken(request, email));
  return tokens.get(email)!;
}

interface StaffFile {
  id: string;
  reference: string;
  status: string;
  version: number;
  assigneeId: string | null;
}

/** The file as staff read it, once intake has put it in review. */
async function inReview(request: APIRequestContext, agentToken: string, id: string): Promise<StaffFile> {
  let file: StaffFile | undefined;
  await expect
    .poll(
      async () => {
        file = ((await (await request.get(`/api/agent/requests/${id}`, { headers: bearer(agentToken) })).json()) as { request: StaffFile }).request;
        return file.status;
      },
      { timeout: 20_000, message: `intake of ${id}` },
    )
    .toBe('in_review');
  return file!;
}

/** `auth`: a bearer header, or none when the context carries the browser's session cookies. */
async function fileAndSubmit(request: APIRequestContext, auth: Record<string, string>, body: object, documents: Array<[string, string, Buffer]>): Promise<string> {
  const draft = await request.post('/api/requests', { headers: auth, data: body });
  expect(draft.status(), await draft.text()).toBe(201);
  const { id } = (await draft.json()) as { id: string };
  for (const [documentType, name, buffer] of documents) {
    const upload = await request.post(`/api/requests/${id}/documents`, {
      headers: auth,
      multipart: { documentType, file: { name, mimeType: name.endsWith('.png') ? 'image/png' : 'application/pdf', buffer } },
    });
    expect(upload.status(), await upload.text()).toBe(201);
  }
  const submitted = await request.post(`/api/requests/${id}/submit`, { headers: { ...auth, 'idempotency-key': randomUUID() }, data: {} });
  expect(submitted.status(), await submitted.text()).toBe(200);
  return id;
}

/** A housing aid file (DEL) of the demo resident, submitted and in review. */
async function housingFile(request: APIRequestContext): Promise<StaffFile> {
  const resident = await tokenOf(request, 'habitant@demo.portail.nc');
  const id = await fileAndSubmit(
    request,
    bearer(resident),
    { serviceCode: 'DEL-AIDE-LOGEMENT', data: { loyer_mensuel: 95_000, commune_logement: 'Dumbéa', composition_foyer: 3, ressources_mensuelles: 310_000, telephone: '25.12.34' } },
    [
      ['justificatif_domicile', 'facture.pdf', PDF],
      ['avis_imposition', 'avis.pdf', PDF],
    ],
  );
  return inReview(request, await tokenOf(request, 'agent.del@demo.portail.nc'), id);
}

/** A new resident in a browser context of their own, verified representative of a registry business. */
async function businessOwner(browser: Browser, request: APIRequestContext, ridet: string): Promise<{ page: Page; portal: Portal; businessId: string }> {
  const context = await browser.newContext({ baseURL: process.env.PORTAL_URL, locale: 'fr-FR', timezoneId: 'Pacific/Noumea' });
  const page = await context.newPage();
  const portal = new Portal(page);
  await portal.signUp('Jeanne');
  const link = await page.request.post('/api/me/business-links', { data: { ridet, role: 'legal_representative' } });
  expect(link.status(), await link.text()).toBe(201);
  const { requestId, businessId } = (await link.json()) as { requestId: string; businessId: string };
  const upload = await page.request.post(`/api/requests/${requestId}/documents`, {
    multipart: { documentType: 'justificatif_pouvoir', file: { name: 'kbis.pdf', mimeType: 'application/pdf', buffer: PDF } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const submitted = await page.request.post(`/api/requests/${requestId}/submit`, { headers: { 'idempotency-key': randomUUID() }, data: {} });
  expect(submitted.status(), await submitted.text()).toBe(200);
  const daji = await tokenOf(request, 'agent.daji@demo.portail.nc');
  const file = await inReview(request, daji, requestId);
  const approved = await request.post(`/api/agent/requests/${requestId}/transition`, { headers: bearer(daji), data: { action: 'approve', expectedVersion: file.version } });
  expect(approved.status(), await approved.text()).toBe(200);
  return { page, portal, businessId };
}

/** Signs a demo staff member in through the API, in the page's cookie jar. */
async function signInStaffByApi(page: Page, email: string): Promise<void> {
  await staffToken(page.request, email);
}

test.describe('Back office', () => {
  test('an agent signs in, sees a new aid file arrive live, claims it, asks for information, gets the answer live and approves a granted amount', async ({ page, portal, browser, request }) => {
    test.setTimeout(240_000);
    // The agent, through the sign-in page and its second factor; the header leads to the back office.
    await portal.signInStaff('agent.ddet@demo.portail.nc');
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Espace agent' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Dossiers à instruire' })).toBeVisible();
    await expect(page).toHaveTitle(/^Dossiers à instruire — /);

    // A resident files an aid on behalf of their business, in another browser.
    const owner = await businessOwner(browser, request, '1102934001');
    const requestId = await fileAndSubmit(
      owner.page.request,
      {},
      {
        serviceCode: 'DDET-CREATION-ENTREPRISE',
        businessId: owner.businessId,
        data: {
          montant_demande: 1_500_000,
          description_projet: 'Création d’une pêcherie artisanale à Nouméa : achat d’un bateau, d’une chambre froide et embauche de trois marins-pêcheurs du quartier.',
          emplois_crees: 3,
          commune_implantation: 'Nouméa',
          date_debut_activite: '2026-06-01',
        },
      },
      [
        ['business_plan', 'business-plan.pdf', PDF],
        ['devis', 'devis.png', PNG],
        ['rib', 'rib.pdf', PDF],
      ],
    );
    await owner.page.goto(`/demandes/${requestId}`);
    await expect(owner.page.getByRole('heading', { level: 1, name: /Aide à la création d'entreprise/ })).toBeVisible();

    // Live: announced by a button, the rows in place until the agent asks for the new ones.
    const announce = page.getByRole('button', { name: /^\d+ nouveaux? dossiers?$/ });
    await expect(announce).toBeVisible({ timeout: 20_000 });
    await announce.click();
    const reference = (await (await request.get(`/api/agent/requests/${requestId}`, { headers: bearer(await tokenOf(request, 'superviseur.ddet@demo.portail.nc')) })).json()) as { request: { reference: string } };
    const row = page.getByRole('row').filter({ hasText: reference.request.reference });
    await expect(row).toContainText('Pêcheries du Lagon Sud');
    await expect(row).toContainText('1 500 000 F CFP');
    await portal.screenshots('agent-dossiers');
    await portal.keyboardPass();

    // The file: answers under their labels, the documents previewed, the business and the mandate.
    await row.getByRole('link', { name: reference.request.reference }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Aide à la création d'entreprise/ })).toBeVisible();
    const answers = page.getByRole('region', { name: 'Réponses du formulaire' });
    await expect(answers.getByRole('term').filter({ hasText: "Montant de l'aide demandée (XPF)" })).toBeVisible();
    await expect(answers.getByRole('definition').filter({ hasText: '1 500 000 F CFP' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Entreprise et mandat' })).toContainText('Représentant légal — Vérifié par la DAJI');
    await expect(page.getByRole('region', { name: 'Entreprise et mandat' })).toContainText('Pêcheries du Lagon Sud');
    await page.getByRole('button', { name: 'Aperçu de devis.png' }).click();
    const image = page.getByRole('img', { name: 'Aperçu de devis.png' });
    await expect(image).toBeVisible();
    expect(await image.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(1);
    // The receipt the worker issued at submission (a real PDF), listed as soon as it exists.
    const receipt = page.getByRole('button', { name: /^Aperçu de recepisse-/ });
    await expect(receipt).toBeVisible({ timeout: 20_000 });
    await receipt.click();
    await expect(page.locator('iframe[title^="Aperçu de recepisse-"]')).toHaveAttribute('src', /^blob:/);
    await expect(page.getByRole('link', { name: 'Télécharger rib.pdf' })).toHaveAttribute('href', /\/documents\//);

    // Claim it (intake may have given it to the supervisor), then ask for information.
    await expect(page.getByRole('term').filter({ hasText: 'Statut' })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: 'En instruction' })).toBeVisible({ timeout: 20_000 });
    const claim = page.getByRole('button', { name: 'Prendre le dossier' });
    if (await claim.isVisible()) {
      await claim.click();
      await expect(page.getByText('Le dossier vous est attribué.')).toBeVisible();
    }
    await expect(page.getByRole('definition').filter({ hasText: 'Vous' })).toBeVisible();
    await portal.screenshots('agent-dossier');
    await portal.keyboardPass();
    await page.getByLabel('Demander des compléments au demandeur').check();
    await page.getByLabel('Message au demandeur').fill('Merci de préciser le prix du bateau dans le devis.');
    await page.getByRole('button', { name: 'Envoyer la demande de compléments' }).click();
    await expect(page.getByRole('definition').filter({ hasText: 'Compléments demandés' })).toBeVisible();

    // The resident's open page shows it live; they answer.
    await expect(owner.page.getByRole('heading', { level: 2, name: 'Des informations vous sont demandées' })).toBeVisible({ timeout: 15_000 });
    await owner.page.getByLabel('Votre réponse').fill('Le bateau coûte 900 000 F CFP, le devis détaillé suit.');
    await owner.page.getByRole('button', { name: 'Répondre et renvoyer ma demande' }).click();

    // The agent sees the answer live, and approves a granted amount.
    await expect(page.getByText('Le bateau coûte 900 000 F CFP, le devis détaillé suit.')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('definition').filter({ hasText: 'En instruction' })).toBeVisible();
    await page.getByLabel('Accepter la demande').check();
    const granted = page.getByLabel('Montant accordé (F CFP)');
    await expect(granted).toHaveValue('1500000');
    await granted.fill('1 200 000');
    await page.getByRole('button', { name: 'Accepter la demande' }).click();
    await expect(page.getByRole('definition').filter({ hasText: 'Acceptée' })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: '1 200 000 F CFP' })).toBeVisible();

    // The resident sees the decision.
    await expect(owner.page.getByText('Acceptée', { exact: true })).toBeVisible({ timeout: 15_000 });
    await owner.page.context().close();
  });

  test('two agents act on the same file at once: one succeeds, the others are told what changed and keep what they typed', async ({ page, portal, browser, request }) => {
    test.setTimeout(150_000);
    const file = await housingFile(request);
    const contexts = await Promise.all([0, 1].map(() => browser.newContext({ baseURL: process.env.PORTAL_URL, locale: 'fr-FR', timezoneId: 'Pacific/Noumea' })));
    // The supervisor's live stream is cut (a dropped link): their page still shows the old version when they send.
    const [supervisorPage, adminPage] = await Promise.all(contexts.map((c) => c.newPage()));
    await supervisorPage.route('**/api/agent/events', (route) => route.abort());
    await signInStaffByApi(page, 'agent.del@demo.portail.nc');
    await signInStaffByApi(supervisorPage, 'superviseur.del@demo.portail.nc');
    await signInStaffByApi(adminPage, 'admin@demo.portail.nc');
    for (const p of [page, supervisorPage, adminPage]) {
      await p.goto(`/agent/demandes/${file.id}`);
      await expect(p.getByRole('heading', { level: 1, name: /Aide au logement/ })).toBeVisible();
    }

    // The supervisor and the admin start typing a refusal; the agent asks for information first.
    const reason = 'Les ressources dépassent le plafond du barème 2026 pour un foyer de trois personnes.';
    for (const p of [supervisorPage, adminPage]) {
      await p.getByLabel('Refuser la demande').check();
      await p.getByLabel('Motif').fill(reason);
    }
    await page.getByLabel('Demander des compléments au demandeur').check();
    await page.getByLabel('Message au demandeur').fill('Merci de joindre votre dernier bulletin de salaire.');
    await page.getByRole('button', { name: 'Envoyer la demande de compléments' }).click();
    await expect(page.getByRole('definition').filter({ hasText: 'Compléments demandés' })).toBeVisible();
    await portal.expectAccessible();

    // Live: the admin is told while typing, what changed is named, the text stays, the refusal is no longer offered.
    const changed = (p: Page) => p.getByRole('status').filter({ hasText: 'Le dossier a été modifié entre-temps' });
    await expect(changed(adminPage)).toBeVisible({ timeout: 15_000 });
    await expect(changed(adminPage)).toContainText('Statut : « En instruction » devenu « Compléments demandés »');
    await expect(adminPage.getByLabel('Motif')).toHaveValue(reason);
    await expect(adminPage.getByRole('button', { name: 'Refuser la demande' })).toBeDisabled();
    await new Portal(adminPage).expectAccessible();

    // Without the stream: the supervisor sends the refusal with the old version; the API's 409 becomes the same report.
    await expect(supervisorPage.getByText('Mises à jour en direct interrompues')).toBeVisible();
    await expect(supervisorPage.getByRole('definition').filter({ hasText: 'En instruction' })).toBeVisible();
    await supervisorPage.getByRole('button', { name: 'Refuser la demande' }).click();
    await expect(changed(supervisorPage)).toBeVisible();
    await expect(changed(supervisorPage)).toContainText('Statut : « En instruction » devenu « Compléments demandés »');
    await expect(changed(supervisorPage)).toContainText('Demande de compléments');
    await expect(supervisorPage.getByLabel('Motif')).toHaveValue(reason);
    await expect(supervisorPage.getByRole('definition').filter({ hasText: 'Compléments demandés' })).toBeVisible();
    const view = (await (await request.get(`/api/agent/requests/${file.id}`, { headers: bearer(await tokenOf(request, 'agent.del@demo.portail.nc')) })).json()) as { request: StaffFile };
    expect(view.request.status).toBe('awaiting_applicant');
    await Promise.all(contexts.map((c) => c.close()));
  });

  test('an agent of another directorate finds no such file; a resident cannot open the back office', async ({ page, portal: _portal, request }) => {
    const file = await housingFile(request);
    await signInStaffByApi(page, 'agent.ddet@demo.portail.nc');
    await page.goto(`/agent/demandes/${file.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Dossier introuvable' })).toBeVisible();
    await expect(page.getByText(file.reference)).toHaveCount(0);
    await expect(page.getByText('Dumbéa')).toHaveCount(0);

    const context = await page.context().browser()!.newContext({ baseURL: process.env.PORTAL_URL, locale: 'fr-FR' });
    const resident = await context.newPage();
    await staffToken(resident.request, 'habitant@demo.portail.nc');
    // A resident's pages never fetch the back office's code (its own chunks).
    const scripts: string[] = [];
    resident.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    for (const path of ['/', '/demandes', '/compte']) {
      await resident.goto(path);
      await expect(resident.locator('h1')).toBeVisible();
    }
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((url) => /\/assets\/(WorklistPage|AgentFilePage|TeamPage|agent)-/.test(url))).toEqual([]);
    await resident.goto('/agent');
    await expect(resident.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
    await expect(resident.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Espace agent' })).toHaveCount(0);
    await resident.goto(`/agent/demandes/${file.id}`);
    await expect(resident.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
    await resident.goto('/admin');
    await expect(resident.locator('h1')).toBeVisible();
    await expect(resident.locator('h1')).not.toHaveText(/administration|comptes|agents/i);
    await context.close();
  });

  test('a supervisor reassigns a file; the new assignee sees it arrive live; the team page shows the load', async ({ page, portal, browser, request }) => {
    test.setTimeout(120_000);
    const file = await housingFile(request);
    const supervisorToken = await tokenOf(request, 'superviseur.del@demo.portail.nc');
    const agentToken = await tokenOf(request, 'agent.del@demo.portail.nc');
    // The supervisor holds it to begin with.
    const me = (await (await request.get('/api/me', { headers: bearer(supervisorToken) })).json()) as { id: string };
    const held = await request.post(`/api/agent/requests/${file.id}/assign`, { headers: bearer(supervisorToken), data: { assigneeId: me.id, expectedVersion: file.version } });
    expect(held.status(), await held.text()).toBe(200);

    // The agent watches their own files.
    const agentContext = await browser.newContext({ baseURL: process.env.PORTAL_URL, locale: 'fr-FR', timezoneId: 'Pacific/Noumea' });
    const agentPage = await agentContext.newPage();
    await staffToken(agentPage.request, 'agent.del@demo.portail.nc');
    await agentPage.goto('/agent?attribution=me');
    await expect(agentPage.getByRole('heading', { level: 1, name: 'Dossiers à instruire' })).toBeVisible();
    await expect(agentPage.getByLabel('Attribués à')).toHaveValue('me');
    await expect(agentPage.getByRole('row').filter({ hasText: file.reference })).toHaveCount(0);

    await signInStaffByApi(page, 'superviseur.del@demo.portail.nc');
    await page.goto(`/agent/demandes/${file.id}`);
    const choice = page.getByLabel('Attribuer à un agent de la direction');
    await choice.selectOption((await choice.locator('option', { hasText: 'Agent DEL' }).getAttribute('value'))!);
    await page.getByRole('button', { name: 'Attribuer', exact: true }).click();
    await expect(page.getByText('Le dossier est réattribué.')).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: 'Agent DEL' })).toBeVisible();

    const announce = agentPage.getByRole('button', { name: /^\d+ nouveaux? dossiers?$/ });
    await expect(announce).toBeVisible({ timeout: 15_000 });
    await announce.click();
    await expect(agentPage.getByRole('row').filter({ hasText: file.reference })).toContainText('Vous');
    const mine = (await (await request.get('/api/agent/requests', { headers: bearer(agentToken), params: { assignee: 'me', q: file.reference } })).json()) as { items: unknown[] };
    expect(mine.items).toHaveLength(1);
    await agentContext.close();

    // The team's load, for the supervisor.
    await page.getByRole('navigation', { name: 'Espace agent' }).getByRole('link', { name: 'Équipe et charge' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Équipe et charge' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'Agent DEL' })).toBeVisible();
    await portal.screenshots('agent-equipe');
    await portal.keyboardPass();
  });

  test('the worklist filters live in the URL and survive a reload; the export downloads the filtered view as CSV', async ({ page, portal, request }) => {
    test.setTimeout(120_000);
    const file = await housingFile(request);
    await housingFile(request); // another one, which the filters leave out
    await signInStaffByApi(page, 'agent.del@demo.portail.nc');
    await page.goto('/agent');
    await page.getByLabel('Référence ou nom du demandeur').fill(file.reference);
    await page.getByLabel('Statut').selectOption('in_review');
    await page.getByLabel('Trier par').selectOption('submitted_at');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]q=${file.reference}`));
    await expect(page).toHaveURL(/statut=in_review/);
    await expect(page.getByRole('row')).toHaveCount(2); // the header and the file

    await page.reload();
    await expect(page.getByLabel('Référence ou nom du demandeur')).toHaveValue(file.reference);
    await expect(page.getByLabel('Statut')).toHaveValue('in_review');
    await expect(page.getByLabel('Trier par')).toHaveValue('submitted_at');
    await expect(page.getByRole('row')).toHaveCount(2);
    await expect(page.getByRole('row').nth(1)).toContainText(file.reference);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter cette vue (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^demandes-DEL-.*\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(file.reference);

    // Cleared, the view shows both again.
    await page.getByRole('link', { name: 'Effacer les filtres' }).click();
    await expect(page).toHaveURL(/\/agent$/);
    await expect(page.getByLabel('Référence ou nom du demandeur')).toHaveValue('');
    await portal.expectAccessible();
  });
});
