// `npm run admin:create` as a container runs it (compiled: `node dist/scripts/admin-create.js`;
// `npx nest build --all` first), against a real database, with the worker sending its email.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import request from 'supertest';
import { Account } from '@portal/accounts';
import { AuditEntry } from '@portal/audit';
import { authHeader, GOOD_PASSWORD, login, uniqueEmail } from './support/factories';
import { tokenFrom } from './support/smtp-sink';
import { startTestPortal, TestPortal } from './support/test-portal';

const ROOT = join(__dirname, '..');

async function adminCreate(...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'scripts', 'admin-create.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

describe('admin:create (the first admin of a deployment)', () => {
  let portal: TestPortal;
  const admins = () => portal.db.manager.find(Account, { where: { role: 'admin' }, order: { createdAt: 'ASC' } });

  beforeAll(async () => {
    portal = await startTestPortal();
  });
  afterAll(async () => portal?.close());

  it('creates one admin whose emailed link sets the password; a second run refuses; --force creates another', async () => {
    expect(await admins()).toHaveLength(0);
    const email = uniqueEmail('admin');
    const first = await adminCreate('--email', email, '--first-name', 'Maïa', '--last-name', 'Wéa');
    expect(first).toMatchObject({ code: 0 });
    expect(first.output).toContain('admin account created');
    expect((await admins()).map((a) => [a.email, a.firstName, a.status])).toEqual([[email, 'Maïa', 'active']]);

    // The worker sends the email; its link is the portal's reset page and sets the password.
    const mail = await portal.smtp.waitFor((m) => m.to.includes(email), 20_000);
    expect(mail.subject).toContain('administrateur');
    expect(mail.text).toContain(`${process.env.PUBLIC_URL ?? 'http://localhost:3000'}/reinitialiser-mot-de-passe?token=`);
    await request(portal.url).post('/api/auth/password/reset').send({ token: tokenFrom(mail), password: GOOD_PASSWORD }).expect(204);
    // Staff sign in with a second factor: the factory enrols it at this first sign-in.
    const session = await login(portal, { email, password: GOOD_PASSWORD });
    await request(portal.url).get('/api/admin/webhooks').set(authHeader(session.accessToken)).expect(200);

    // An admin exists: refused (exit 2, stable code), nothing created.
    const second = await adminCreate('--email', uniqueEmail('admin'));
    expect(second.code).toBe(2);
    expect(second.output).toContain('ADMIN_ALREADY_EXISTS');
    expect(await admins()).toHaveLength(1);

    // --force: a second admin.
    const forced = await adminCreate('--email', uniqueEmail('admin2'), '--force');
    expect(forced.code).toBe(0);
    expect(await admins()).toHaveLength(2);

    // Both audited, with no actor (an operator at the command line).
    const audit = await portal.db.manager.find(AuditEntry, { where: { action: 'account.admin_created' }, order: { id: 'ASC' } });
    expect(audit.map((e) => [e.actorId, e.targetId, e.details])).toEqual([
      [null, (await admins())[0].id, expect.objectContaining({ force: false, adminsBefore: 0 })],
      [null, (await admins())[1].id, expect.objectContaining({ force: true, adminsBefore: 1 })],
    ]);
  });

  it('refuses a missing or invalid email with usage (exit 2), before touching the database', async () => {
    const run = await adminCreate('--email', 'pas-une-adresse');
    expect(run.code).toBe(2);
    expect(run.output).toContain('usage: admin:create --email');
  });
});
