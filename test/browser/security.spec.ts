import { request } from '@playwright/test';
import { authenticator } from 'otplib';
import { signInAsRemote } from '../support/oidc-test-provider';
import { expect, test } from './fixtures';
import { OIDC_PROVIDER_NAME } from './global-setup';

const providerButton = `Continuer avec ${OIDC_PROVIDER_NAME}`;
let people = 0;
const personAtProvider = (email: string) => ({ sub: `navigateur-${Date.now()}-${people++}`, email, email_verified: true, given_name: 'Léa', family_name: 'Wamytan' });

test.describe('Sign-in with an identity provider, and the account’s security page', () => {
  test('the provider button signs a newcomer in (account created); the only way in cannot be unlinked', async ({ page, portal }) => {
    const email = portal.uniqueEmail();
    await signInAsRemote(process.env.PORTAL_OIDC_ISSUER!, personAtProvider(email));
    await page.goto('/connexion');
    await expect(page.getByRole('heading', { level: 2, name: 'Ou avec une identité que vous avez déjà' })).toBeVisible();
    await portal.screenshots('connexion-fournisseur');

    await page.getByRole('button', { name: providerButton }).click();
    // To the provider and back: signed in, on the profile made from the provider's verified claims.
    await expect(page.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
    await expect(page.getByLabel('Prénom')).toHaveValue('Léa');
    await expect(page.getByText(email.toLowerCase())).toBeVisible();

    await page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Sécurité' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sécurité' })).toBeVisible();
    await page.getByRole('button', { name: `Délier ${OIDC_PROVIDER_NAME}` }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'seul moyen de connexion' });
    await expect(summary).toBeFocused();
    await portal.expectAccessible();
  });

  test('a resident links and unlinks a provider, turns the second factor on and off, and signs out other sessions', async ({ page, portal }) => {
    const { email, password } = await portal.signUp('Marie');
    // A second session elsewhere: another device (cookies of its own).
    const phone = await request.newContext({ baseURL: process.env.PORTAL_URL });
    const elsewhere = await phone.post('/api/auth/login', { data: { email, password }, headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1' } });
    expect(elsewhere.status()).toBe(200);
    await phone.dispose();

    await page.goto('/compte/securite');
    await expect(page.getByRole('heading', { level: 1, name: 'Sécurité' })).toBeVisible();

    // Linking: to the provider and back to this page.
    await signInAsRemote(process.env.PORTAL_OIDC_ISSUER!, personAtProvider(portal.uniqueEmail()));
    await page.getByRole('button', { name: `Lier mon identité ${OIDC_PROVIDER_NAME}` }).click();
    await expect(page.getByText(`Votre identité ${OIDC_PROVIDER_NAME} est liée`)).toBeVisible();
    await expect(page.getByRole('button', { name: `Délier ${OIDC_PROVIDER_NAME}` })).toBeVisible();

    // Sessions: this one marked; the phone's listed.
    const sessions = page.getByRole('table', { name: 'Sessions ouvertes' });
    await expect(sessions.getByRole('row')).toHaveCount(3);
    await expect(sessions.getByRole('row', { name: /Cette session/ })).toBeVisible();
    await expect(sessions.getByRole('row', { name: /Safari sur iPhone/ })).toBeVisible();

    // Second factor: QR code, first code, recovery codes shown once.
    await page.getByRole('button', { name: 'Activer la double authentification' }).click();
    await expect(page.getByRole('img', { name: 'QR code à scanner avec votre application d’authentification' })).toBeVisible();
    const secret = (await page.locator('form code').textContent())!.trim();
    await page.getByLabel('2. Code à 6 chiffres affiché par l’application').fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Confirmer et activer' }).click();
    await expect(page.getByText('La double authentification est activée', { exact: true })).toBeVisible();
    const codes = page.getByRole('listitem').filter({ has: page.locator('code') });
    await expect(codes).toHaveCount(10);
    await portal.screenshots('compte-securite');
    const recoveryCode = (await codes.first().textContent())!.trim();

    await page.getByLabel('Code à 6 chiffres ou code de secours').fill(recoveryCode);
    await page.getByRole('button', { name: 'Désactiver la double authentification' }).click();
    await expect(page.getByText('La double authentification est désactivée.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Activer la double authentification' })).toBeVisible();

    await page.getByRole('button', { name: 'Déconnecter toutes mes autres sessions' }).click();
    await expect(page.getByText('Toutes vos autres sessions sont déconnectées.')).toBeVisible();
    await expect(sessions.getByRole('row')).toHaveCount(2);

    await page.getByRole('button', { name: `Délier ${OIDC_PROVIDER_NAME}` }).click();
    await expect(page.getByText('L’identité est déliée.')).toBeVisible();
    await expect(page.getByRole('button', { name: `Lier mon identité ${OIDC_PROVIDER_NAME}` })).toBeVisible();
    await portal.expectAccessible();
  });
});
