import { readFile } from 'node:fs/promises';
import { request as http, type APIRequestContext, type Page } from '@playwright/test';
import { qrCodeIn } from '../support/pdf';
import { expect, Portal, staffToken, test } from './fixtures';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function staff(email: string): Promise<APIRequestContext> {
  const anonymous = await http.newContext({ baseURL: process.env.PORTAL_URL });
  const accessToken = await staffToken(anonymous, email);
  await anonymous.dispose();
  return http.newContext({ baseURL: process.env.PORTAL_URL, extraHTTPHeaders: { authorization: `Bearer ${accessToken}` } });
}

/** A housing aid file, filed through the API with the page's session (tests set up through the API). */
async function fileHousingAid(page: Page): Promise<{ id: string; reference: string }> {
  const draft = await page.request.post('/api/requests', {
    data: {
      serviceCode: 'DEL-AIDE-LOGEMENT',
      data: { loyer_mensuel: 85_000, commune_logement: 'Dumbéa', composition_foyer: 2, ressources_mensuelles: 180_000, telephone: '25.12.34' },
    },
  });
  expect(draft.status(), await draft.text()).toBe(201);
  const { id } = (await draft.json()) as { id: string };
  for (const documentType of ['justificatif_domicile', 'avis_imposition']) {
    const upload = await page.request.post(`/api/requests/${id}/documents`, { multipart: { documentType, file: { name: `${documentType}.pdf`, mimeType: 'application/pdf', buffer: PDF } } });
    expect(upload.status(), await upload.text()).toBe(201);
  }
  const submitted = await page.request.post(`/api/requests/${id}/submit`, { headers: { 'idempotency-key': `k-${id}` }, data: {} });
  expect(submitted.status(), await submitted.text()).toBe(200);
  return { id, reference: ((await submitted.json()) as { reference: string }).reference };
}

/** Clicks a download link and returns the bytes downloaded. */
async function downloadFrom(page: Page, name: string | RegExp): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).first().click()]);
  return readFile((await download.path())!);
}

async function agentVersion(agent: APIRequestContext, id: string, status: string): Promise<number> {
  let version = 0;
  await expect
    .poll(async () => {
      const file = (await (await agent.get(`/api/agent/requests/${id}`)).json()) as { request: { status: string; version: number } };
      version = file.request.version;
      return file.request.status;
    }, { timeout: 20_000 })
    .toBe(status);
  return version;
}

test.describe('A paper trail anyone can check', () => {
  test('the resident corrects what was named, exchanges documents with the agent, downloads the sealed letters; anyone verifies them on /verifier', async ({ page, portal, browser }) => {
    await portal.signUp('Léa');
    const { id, reference } = await fileHousingAid(page);
    await page.goto(`/demandes/${id}`);

    // The receipt, issued by the worker, appears on the timeline and among the documents, and downloads.
    await expect(page.getByRole('link', { name: /^Télécharger : Récépissé de dépôt/ })).toBeVisible({ timeout: 30_000 });
    const receipt = await downloadFrom(page, /^Récépissé de dépôt du /);
    expect(receipt.subarray(0, 5).toString()).toBe('%PDF-');

    // The agent asks to correct the commune and to provide the lease, with a form to fill attached.
    const agent = await staff('superviseur.del@demo.portail.nc');
    const version = await agentVersion(agent, id, 'in_review');
    const asked = await agent.post(`/api/agent/requests/${id}/transition`, {
      data: { action: 'request_info', message: 'La commune ne correspond pas au bail : merci de vérifier et de joindre le bail.', fieldsToCorrect: ['commune_logement'], documentsToProvide: ['bail'], expectedVersion: version },
    });
    expect(asked.status(), await asked.text()).toBe(200);
    const sent = await agent.post(`/api/agent/requests/${id}/messages/with-documents`, {
      multipart: { body: 'Le modèle d’attestation d’hébergement est joint.', file: { name: 'modele-attestation.pdf', mimeType: 'application/pdf', buffer: PDF } },
    });
    expect(sent.status(), await sent.text()).toBe(201);

    // The page updates live: the named items are highlighted, the agent's document downloads.
    const corrections = page.getByRole('region', { name: 'Des informations vous sont demandées' });
    await expect(corrections.getByRole('list', { name: 'Éléments à corriger' }).getByRole('listitem')).toHaveText(['Commune du logement', 'Contrat de location (bail)']);
    await expect(corrections.getByText('À corriger')).toBeVisible();
    await expect(corrections.getByText('À fournir')).toBeVisible();
    await expect(corrections.getByLabel('Commune du logement', { exact: true })).toHaveValue('Dumbéa');
    const fromAgent = page.getByRole('list', { name: 'Messages échangés' }).getByRole('listitem').filter({ hasText: 'Le modèle d’attestation' });
    await expect(fromAgent.getByRole('link', { name: /modele-attestation\.pdf/ })).toBeVisible();
    expect((await downloadFrom(page, /modele-attestation\.pdf/)).equals(PDF)).toBe(true);
    await portal.screenshots('demande-corrections');

    // Resubmitting untouched is refused, item by item; then the commune is corrected and the lease's absence explained.
    await corrections.getByRole('button', { name: 'Répondre et renvoyer ma demande' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Il y a un problème' });
    await expect(summary.getByRole('link', { name: /Cette réponse devait être corrigée/ })).toBeVisible();
    await expect(summary.getByRole('link', { name: /Cette pièce était demandée/ })).toBeVisible();
    await corrections.getByLabel('Commune du logement', { exact: true }).selectOption('Païta');
    await corrections.getByLabel('Si « Contrat de location (bail) » reste inchangé : pourquoi ? (facultatif)').fill('Je suis hébergée : l’attestation est jointe à mon message.');
    await corrections.getByRole('button', { name: 'Répondre et renvoyer ma demande' }).click();
    await expect(page.getByRole('region', { name: 'Des informations vous sont demandées' })).toHaveCount(0);

    // The resident answers with a document attached.
    await page.getByLabel('Écrire à la province').fill('Voici l’attestation d’hébergement signée.');
    await page.getByLabel('Joindre des documents (facultatif)').setInputFiles({ name: 'attestation-signee.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    const mine = page.getByRole('list', { name: 'Messages échangés' }).getByRole('listitem').filter({ hasText: 'Voici l’attestation' });
    await expect(mine.getByRole('link', { name: /attestation-signee\.pdf/ })).toBeVisible();
    const agentView = (await (await agent.get(`/api/agent/requests/${id}`)).json()) as { messages: Array<{ body: string; documents: Array<{ fileName: string }> }> };
    expect(agentView.messages.find((m) => m.body.startsWith('Voici'))?.documents.map((d) => d.fileName)).toEqual(['attestation-signee.pdf']);

    // The decision: its letter appears and downloads.
    const decided = await agent.post(`/api/agent/requests/${id}/transition`, {
      data: { action: 'reject', reason: 'Les ressources du foyer dépassent le plafond du dispositif.', expectedVersion: await agentVersion(agent, id, 'in_review') },
    });
    expect(decided.status(), await decided.text()).toBe(200);
    await expect(page.getByRole('link', { name: /^Notification de décision du / })).toBeVisible({ timeout: 30_000 });
    const letter = await downloadFrom(page, /^Notification de décision du /);
    await portal.screenshots('demande-courriers');
    await agent.dispose();

    const timeline = (await (await page.request.get(`/api/requests/${id}/timeline`)).json()) as Array<{ type: string; details: { kind?: string; sealCode?: string } }>;
    const receiptCode = timeline.find((e) => e.type === 'document_issued' && e.details.kind === 'receipt')!.details.sealCode!;

    // Anyone, without an account: by the typed code…
    const visitor = await browser.newContext({ baseURL: process.env.PORTAL_URL });
    const check = await visitor.newPage();
    await check.goto('/verifier');
    await expect(check.getByRole('heading', { level: 1, name: 'Vérifier un document de la province' })).toBeVisible();
    await check.getByLabel('Code de vérification', { exact: true }).fill(receiptCode.toLowerCase());
    await check.getByRole('button', { name: 'Vérifier le code' }).click();
    await expect(check.getByRole('heading', { name: 'Résultat de la vérification' })).toBeFocused();
    await expect(check.getByText('Document authentique', { exact: true })).toBeVisible();
    await expect(check.getByRole('definition').filter({ hasText: reference })).toBeVisible();
    await expect(check.getByRole('definition').filter({ hasText: 'Récépissé de dépôt' })).toBeVisible();
    await expect(check.getByText('Léa')).toHaveCount(0);

    // …by the QR code's address (checked on opening)…
    const qr = (await qrCodeIn(letter))!;
    await check.goto(new URL(qr).pathname + new URL(qr).search);
    await expect(check.getByText('Document authentique', { exact: true })).toBeVisible();
    await expect(check.getByRole('definition').filter({ hasText: 'Demande rejetée' })).toBeVisible();
    await new Portal(check).screenshots('verifier');

    // …an unknown code is not recognised; the PDF itself is, until a single byte changes.
    await check.getByLabel('Code de vérification', { exact: true }).fill('ZZZZ-ZZZZ-ZZZZ');
    await check.getByRole('button', { name: 'Vérifier le code' }).click();
    await expect(check.getByText('Document non reconnu', { exact: true })).toBeVisible();
    await check.getByLabel('Fichier PDF reçu').setInputFiles({ name: 'decision.pdf', mimeType: 'application/pdf', buffer: letter });
    await check.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect(check.getByText('Document authentique', { exact: true })).toBeVisible();
    const tampered = Buffer.from(letter);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    await check.getByLabel('Fichier PDF reçu').setInputFiles({ name: 'decision.pdf', mimeType: 'application/pdf', buffer: tampered });
    await check.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect(check.getByText('Document non reconnu', { exact: true })).toBeVisible();
    await new Portal(check).screenshots('verifier-non-reconnu');
    await visitor.close();
  });
});
