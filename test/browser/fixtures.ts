import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { authenticator } from 'otplib';
import type { ReceivedMail } from '../support/smtp-sink';

/** Screenshots go to test-results/ unless SCREENSHOTS_DIR says otherwise (docs/screenshots to refresh the docs). */
const SCREENSHOTS_DIR = process.env.SCREENSHOTS_DIR ?? 'test-results/screenshots';

export const GOOD_PASSWORD = 'une phrase de passe bien longue';

// The seeded demo staff (scripts/seed.ts, never in production): one password, one TOTP secret.
export const DEMO_PASSWORD = 'demo-portail-province-sud';
const DEMO_TOTP_SECRET = 'KVKFKRCPJFHUKU2UJZJEKVCEIVGU6M2U';

/**
 * A demo staff member's access token, through the API with the second factor. A code serves once per
 * 30 s step: when this step's was used by an earlier sign-in, the next step's is given.
 */
export async function staffToken(request: APIRequestContext, email: string): Promise<string> {
  const login = await request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(login.status(), `login ${email}`).toBe(200);
  const challenge = (await login.json()) as { accessToken?: string; mfaToken?: string };
  if (challenge.accessToken) return challenge.accessToken;
  for (let attempt = 0; attempt < 3; attempt++) {
    const verified = await request.post('/api/auth/mfa/verify', { data: { mfaToken: challenge.mfaToken, code: authenticator.generate(DEMO_TOTP_SECRET) } });
    if (verified.ok()) return ((await verified.json()) as { accessToken: string }).accessToken;
    await new Promise((resolve) => setTimeout(resolve, authenticator.timeRemaining() * 1000 + 500));
  }
  throw new Error(`second factor refused three times for ${email}`);
}

export const test = base.extend<{ portal: Portal }>({
  // Set by global-setup.ts once the API listens. Playwright requires the object pattern here.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => use(process.env.PORTAL_URL),
  portal: async ({ page }, use) => {
    // Any Content-Security-Policy violation (an inline script, a foreign origin) fails the test.
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await use(new Portal(page));
    expect(violations, 'CSP violations').toEqual([]);
  },
});
export { expect };

let counter = 0;

interface FocusStop {
  name: string;
  onScreen: boolean;
  ring: boolean;
}

/** What has focus, evaluated in the page (a string: the root tsconfig has no DOM types). Null: focus left the page. */
const FOCUSED_ELEMENT = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  const name = (element.getAttribute('aria-label') || element.labels?.[0]?.textContent || element.textContent || element.getAttribute('name') || element.tagName).trim().replace(/\\s+/g, ' ');
  return {
    name,
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
    ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
  };
})()`;

export class Portal {
  constructor(readonly page: Page) {}

  uniqueEmail(): string {
    return `habitant.${Date.now().toString(36)}${(counter++).toString(36)}@exemple.nc`;
  }

  /** The email to `address` whose subject matches, as the SMTP sink received it. */
  async mailTo(address: string, subject: RegExp): Promise<ReceivedMail> {
    let found: ReceivedMail | undefined;
    await expect
      .poll(
        async () => {
          const mails = (await (await fetch(process.env.PORTAL_MAILS_URL!)).json()) as ReceivedMail[];
          found = mails.reverse().find((m) => m.to.includes(address) && subject.test(m.subject));
          return Boolean(found);
        },
        { timeout: 20_000, message: `an email to ${address} (${subject.source})` },
      )
      .toBe(true);
    return found!;
  }

  /** The link of the portal in an email (the API builds it from PUBLIC_URL). */
  linkIn(mail: ReceivedMail): string {
    const match = /https?:\/\/\S+\?token=[A-Za-z0-9_-]+/.exec(mail.text);
    if (!match) throw new Error(`no link in email "${mail.subject}"`);
    return match[0];
  }

  /** No axe violation of impact serious or critical on the page as it is now. */
  async expectAccessible(): Promise<void> {
    const results = await new AxeBuilder({ page: this.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const blocking = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(blocking, `axe on ${this.page.url()}`).toEqual([]);
  }

  /** The page at 1280 px and at 360 px wide, checked with axe at both widths. */
  async screenshots(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    const initial = this.page.viewportSize();
    for (const width of [1280, 360]) {
      await this.page.setViewportSize({ width, height: 800 });
      await this.expectNoHorizontalScroll();
      await this.expectAccessible();
      await this.page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}-${width}.png`), fullPage: true });
    }
    if (initial) await this.page.setViewportSize(initial);
  }

  /** Usable at 360 px: nothing wider than the screen. */
  async expectNoHorizontalScroll(): Promise<void> {
    // Runs in the page (the root tsconfig has no DOM types, hence the string).
    const overflow = await this.page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
  }

  /**
   * Keyboard only: Tab from the top of the page through every stop until focus leaves the page. The
   * first stop is the skip link; each stop is on screen with a visible focus ring; nothing traps focus.
   * Returns the stops, as their accessible text, for the caller to check what it expects is reachable.
   */
  async keyboardPass(maxStops = 150): Promise<string[]> {
    // Tab navigation starts from the last focused or clicked point: move that point to the page's top.
    await this.page.evaluate(`(() => {
      const start = Object.assign(document.createElement('span'), { tabIndex: -1, id: 'keyboard-pass-start' });
      document.body.prepend(start);
      start.focus();
    })()`);
    const stops: string[] = [];
    for (let i = 0; i < maxStops; i++) {
      await this.page.keyboard.press('Tab');
      const stop = await this.page.evaluate<FocusStop | null>(FOCUSED_ELEMENT);
      if (!stop) {
        await this.page.evaluate(`document.getElementById('keyboard-pass-start')?.remove()`);
        return this.checkedStops(stops);
      }
      expect(stop.onScreen, `focus on screen: ${stop.name}`).toBe(true);
      expect(stop.ring, `visible focus ring: ${stop.name}`).toBe(true);
      stops.push(stop.name);
    }
    throw new Error(`focus still in the page after ${maxStops} Tab presses (a trap?) on ${this.page.url()}: ${stops.slice(-5).join(' | ')}`);
  }

  private checkedStops(stops: string[]): string[] {
    expect(stops[0], `first stop of ${this.page.url()}`).toBe('Aller au contenu');
    return stops;
  }

  /** Tab until `target` has focus (it must be reachable from where focus is), as a keyboard user would. */
  async tabTo(target: Locator, maxStops = 80): Promise<void> {
    for (let i = 0; i < maxStops; i++) {
      await this.page.keyboard.press('Tab');
      if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    }
    throw new Error(`not reachable with Tab: ${target.toString()}`);
  }

  /** Registers through the page, opens the emailed link, and lands signed in on the profile. */
  async signUp(firstName = 'Marie', email = this.uniqueEmail()): Promise<{ email: string; password: string }> {
    await this.page.goto('/inscription');
    await this.page.getByLabel('Prénom').fill(firstName);
    await this.page.getByLabel('Nom', { exact: true }).fill('Wahnyamalla');
    await this.page.getByLabel('Adresse électronique').fill(email);
    await this.page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD);
    await this.page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Vérifiez votre messagerie' })).toBeVisible();
    const mail = await this.mailTo(email, /Confirmez/);
    await this.page.goto(this.linkIn(mail));
    await expect(this.page.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
    return { email, password: GOOD_PASSWORD };
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Adresse électronique').fill(email);
    await this.page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Se connecter' }).click();
  }

  /**
   * A demo staff member signs in through the page: password, then the authenticator's code. A code
   * serves once per 30 s step: when this step's was spent by an earlier sign-in, the next one's is typed.
   */
  async signInStaff(email: string, secret = DEMO_TOTP_SECRET): Promise<void> {
    await this.page.goto('/connexion');
    await this.signIn(email, DEMO_PASSWORD);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Code de vérification' })).toBeVisible();
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.page.getByLabel('Code à 6 chiffres').fill(authenticator.generate(secret));
      await this.page.getByRole('button', { name: 'Valider' }).click();
      const refused = this.page.getByText('Ce code n’est pas valide');
      const outcome = async () => ((await refused.isVisible()) ? 'refused' : new URL(this.page.url()).pathname === '/connexion' ? 'pending' : 'signed in');
      await expect.poll(outcome, { timeout: 15_000 }).not.toBe('pending');
      if ((await outcome()) === 'signed in') return;
      await this.page.waitForTimeout(authenticator.timeRemaining() * 1000 + 500);
    }
    throw new Error(`second factor refused three times for ${email}`);
  }
}
