// The first admin of a deployment: `npm run admin:create -- --email a@b.nc [--first-name … --last-name …] [--force]`
// (in a container: `node dist/scripts/admin-create.js --email …`). Creates an active admin without a
// password and queues the set-password email (sent by the worker); refuses when an admin exists
// unless --force. Exit codes: 0 created, 2 refused (bad arguments, admin exists, email taken), 1 failure.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { isEmail } from 'class-validator';
import { parseArgs } from 'node:util';
import { AccountsModule, AdminBootstrapService } from '../libs/accounts/src';
import { AuditModule } from '../libs/audit/src';
import { DomainError, ERROR_CODES, hasInvisibleCharacters, mixesScripts, normaliseEmail } from '../libs/common/src';
import { ConfigModule } from '../libs/config/src';
import { DatabaseModule } from '../libs/database/src';
import { InfraModule } from '../libs/infra/src';
import { QueueModule } from '../libs/queue/src';

// InfraModule: accounts count notices in the shared counter store (Redis, or memory without it).
@Module({ imports: [ConfigModule, DatabaseModule, InfraModule, QueueModule, AuditModule, AccountsModule] })
class AdminCreateModule {}

const USAGE = 'usage: admin:create --email <address> [--first-name <prénom>] [--last-name <nom>] [--force]';

export interface AdminCreateArgs {
  email: string;
  firstName: string;
  lastName: string;
  force: boolean;
}

/** Reads the command line; throws a message (French / English) for anything wrong. */
export function parseAdminCreateArgs(argv: string[]): AdminCreateArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    strict: true,
  });
  // The rule every account email follows (NFC, lower case, no invisible characters or mixed scripts).
  const email = normaliseEmail(values.email ?? '');
  if (!isEmail(email) || hasInvisibleCharacters(email) || mixesScripts(email)) {
    throw new Error(`--email : adresse électronique manquante ou invalide / missing or invalid email address\n${USAGE}`);
  }
  return {
    email,
    firstName: values['first-name']?.trim() || 'Administrateur',
    lastName: values['last-name']?.trim() || 'Portail',
    force: values.force ?? false,
  };
}

async function main(argv: string[]): Promise<number> {
  let args: AdminCreateArgs;
  try {
    args = parseAdminCreateArgs(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  const app = await NestFactory.createApplicationContext(AdminCreateModule, { logger: ['error', 'warn'] });
  try {
    const account = await app.get(AdminBootstrapService).create(args);
    console.log(
      `Compte administrateur créé / admin account created: ${account.email} (${account.id}).\n` +
        'Un lien pour choisir le mot de passe (valable 7 jours) part par courriel dès que le worker tourne / ' +
        'a set-password link (valid 7 days) is emailed as soon as the worker runs.',
    );
    return 0;
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'ADMIN_ALREADY_EXISTS' || error.code === 'EMAIL_TAKEN')) {
      console.error(`${error.code}: ${ERROR_CODES[error.code].message}`);
      return 2;
    }
    throw error;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
