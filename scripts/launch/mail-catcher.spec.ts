import { createTransport } from 'nodemailer';
import type { Logger } from './log';
import { startMailCatcher, type MailCatcher } from './mail-catcher';

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const LINK = 'http://localhost:3000/verifier-email?token=Zx9_-aB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4yZ5aB6cD7eF8gH9';

describe('mail catcher', () => {
  let catcher: MailCatcher;
  const printed: string[][] = [];
  let wake: () => void = () => undefined;

  beforeAll(async () => {
    // Port 0 as "preferred" keeps the test off a real 1025.
    catcher = await startMailCatcher(0, silent, (lines) => {
      printed.push(lines);
      wake();
    });
  });

  afterAll(() => catcher.close());

  it('prints recipient, French subject and text body of what the portal sends, links intact', async () => {
    const arrived = new Promise<void>((resolve) => (wake = resolve));
    await createTransport(catcher.url).sendMail({
      from: 'Province Sud <ne-pas-repondre@portail.province-sud.nc>',
      to: 'Éléonore Wamytan <eleonore@example.nc>',
      subject: 'Vérifiez votre adresse électronique — Portail de la province Sud',
      text: `Bonjour Éléonore,\n\nCliquez sur ce lien pour vérifier votre adresse :\n${LINK}\n\nÀ bientôt.`,
      html: `<p>Bonjour Éléonore,</p><p><a href="${LINK}">Vérifier</a></p>`,
    });
    await arrived;
    const output = printed.at(-1)!.join('\n');
    expect(output).toContain('À / To:          "Éléonore Wamytan" <eleonore@example.nc>');
    expect(output).toContain('Objet / Subject: Vérifiez votre adresse électronique — Portail de la province Sud');
    expect(output).toContain('Bonjour Éléonore,');
    expect(output).toContain(LINK);
    expect(output).not.toContain('<p>');
  });

  it('shows HTML-only emails as text, with link targets', async () => {
    const arrived = new Promise<void>((resolve) => (wake = resolve));
    await createTransport(catcher.url).sendMail({ to: 'a@example.nc', subject: 'HTML', html: `<p><a href="${LINK}">Activer</a></p>` });
    await arrived;
    expect(printed.at(-1)!.join('\n')).toContain(LINK);
  });
});
