import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createTestDatabase } from './databases';
import { clearRedisPrefix } from './redis-inspection';
import { SmtpSink } from './smtp-sink';

export interface TestPortal {
  app: NestFastifyApplication;
  worker?: INestApplicationContext;
  db: DataSource;
  smtp: SmtpSink;
  /** Base URL of the API listening on a free port (for supertest and raw HTTP clients). */
  url: string;
  close(): Promise<void>;
}

export interface TestPortalOptions {
  /** Start the worker (outbox relay and job processors) in this process too. Default true. */
  worker?: boolean;
  env?: Record<string, string>;
}

/**
 * The real API (and worker) against a fresh database cloned from the migrated template, the real
 * Redis under a key prefix of its own, and a real SMTP server.
 */
export async function startTestPortal(options: TestPortalOptions = {}): Promise<TestPortal> {
  const database = await createTestDatabase();
  const smtp = new SmtpSink();
  const smtpUrl = await smtp.start();
  const queuePrefix = `t${randomBytes(4).toString('hex')}`;
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    SMTP_URL: smtpUrl,
    QUEUE_PREFIX: queuePrefix,
    ...options.env,
  });

  const app = await createApiApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const worker = options.worker === false ? undefined : await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  worker?.enableShutdownHooks();
  const address = app.getHttpServer().address() as { port: number };

  const portal: TestPortal = {
    app,
    worker,
    db: app.get<DataSource>(getDataSourceToken()),
    smtp,
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      // The worker a test may have stopped (and unset) on purpose is not closed twice.
      await portal.worker?.close();
      await app.close();
      await smtp.stop();
      await database.drop();
      if (process.env.REDIS_URL) await clearRedisPrefix(process.env.REDIS_URL, queuePrefix);
    },
  };
  return portal;
}
