import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { OidcProviderConfig, parseOidcProviders } from './oidc-providers';
import { parseSealKeys } from './seal-keys';
import { resolveSecretFiles, withDatabasePassword } from './secret-files';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toBoolean = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  value === '' ? undefined : value;

const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production-0123456789';

/**
 * Every environment variable the portal reads, validated once at start-up.
 * Nothing else in the code base reads process.env; inject AppConfig instead.
 */
export class AppConfig {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Public base URL of the portal, used in links sent by email. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_URL = 'http://localhost:3000';

  @IsUrl({ require_tld: false, protocols: ['postgres', 'postgresql'] })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/portal';

  /** Put into DATABASE_URL (which then needs none): DATABASE_PASSWORD_FILE=/run/secrets/… keeps it out of the environment. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  DATABASE_PASSWORD?: string;

  /**
   * Migration job only (`node dist/scripts/migrate.js`): after migrating, gives the application role
   * (DATABASE_APP_ROLE) LOGIN and this password, so the API and the worker connect as it.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(16)
  DATABASE_APP_PASSWORD?: string;

  @Type(() => Number) @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * The role the application's queries run as (SET ROLE on each pooled connection): it may not UPDATE
   * or DELETE audit rows. Empty: the login role of DATABASE_URL as is (production logs in as portal_app).
   */
  @IsString() @Matches(/^([a-z_][a-z0-9_]{0,62})?$/)
  DATABASE_APP_ROLE = 'portal_app';

  /**
   * How long the API and the worker wait for PostgreSQL at start-up (a host rebooting, a database
   * still recovering) before giving up, trying every 2 s.
   */
  @Type(() => Number) @IsInt() @Min(0)
  DATABASE_STARTUP_WAIT_MS = 120_000;

  /** Redis for the queue, pub/sub and rate limits. Empty: everything runs on PostgreSQL and memory. */
  @Transform(emptyToUndefined) @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['redis', 'rediss'] })
  REDIS_URL?: string;

  /** Prefix of every BullMQ key (Redis) or schema (PostgreSQL backend), so several deployments can share a server. */
  @IsString() @MinLength(1)
  QUEUE_PREFIX = 'portal';

  @IsString() @MinLength(32)
  JWT_SECRET = DEV_JWT_SECRET;

  @IsString()
  JWT_ISSUER = 'portail.province-sud.nc';

  /**
   * The Ed25519 key sealing the letters the portal issues (PEM, base64 PKCS#8 DER or base64 32-byte
   * seed). Empty: a development key anyone can rebuild — refused in production.
   */
  @IsString()
  SEAL_PRIVATE_KEY = '';

  /** Its key id, printed in every seal; empty: a thumbprint of the key. */
  @IsString()
  SEAL_KEY_ID = '';

  /** Public keys of earlier seal keys (`kid:base64,kid:base64`), so documents they sealed stay verifiable. */
  @IsString()
  SEAL_PREVIOUS_PUBLIC_KEYS = '';

  @IsString()
  JWT_AUDIENCE = 'portail-api';

  @Type(() => Number) @IsInt() @Min(30) @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Type(() => Number) @IsInt() @Min(300)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  @Type(() => Number) @IsInt() @Min(60)
  EMAIL_TOKEN_TTL_SECONDS = 48 * 3600;

  @Type(() => Number) @IsInt() @Min(60)
  PASSWORD_RESET_TTL_SECONDS = 3600;

  @IsUrl({ require_tld: false, protocols: ['smtp', 'smtps'] })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsEmail({ require_tld: false })
  MAIL_FROM = 'ne-pas-repondre@portail.province-sud.nc';

  /**
   * Serve Swagger UI at /docs and the OpenAPI document at /docs-json. Unset: on, except in
   * production, where the map of every route is not published unless asked for.
   */
  @Transform(({ value }) => (value === '' ? undefined : toBoolean({ value }))) @IsOptional() @IsBoolean()
  API_DOCS?: boolean;

  /** Comma-separated list of allowed browser origins; empty disables CORS. */
  @IsString()
  CORS_ORIGINS = '';

  @Type(() => Number) @IsInt() @Min(1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Longest an HTTP request may take, to receive it and to answer it (then 503, never a hang). */
  @Type(() => Number) @IsInt() @Min(1000)
  REQUEST_TIMEOUT_MS = 10_000;

  /** Longest a document upload (multipart) may take to arrive and be answered: slow mobile links. */
  @Type(() => Number) @IsInt() @Min(1000)
  UPLOAD_TIMEOUT_MS = 5 * 60_000;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(toBoolean) @IsBoolean()
  LOG_PRETTY = false;

  /** Requests per minute and IP on every route. */
  @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE = 300;

  /** Failed logins allowed per account, and per IP, within LOGIN_WINDOW_SECONDS. */
  @Type(() => Number) @IsInt() @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 10;

  @Type(() => Number) @IsInt() @Min(1)
  LOGIN_MAX_FAILURES_PER_IP = 50;

  @Type(() => Number) @IsInt() @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  /**
   * Failed logins allowed, within LOGIN_WINDOW_SECONDS, from a browser holding a device cookie of the
   * account (it signed in there before). These count for that device only, not for the account: an
   * attacker using up the account's allowance does not lock its owner out of their usual browser.
   */
  @Type(() => Number) @IsInt() @Min(1)
  LOGIN_MAX_FAILURES_PER_DEVICE = 10;

  /** Lifetime of the device cookie, renewed at each sign-in. */
  @Type(() => Number) @IsInt() @Min(1) @Max(730)
  LOGIN_DEVICE_COOKIE_DAYS = 365;

  /** HMAC key of device cookies (32+ characters). Empty: derived from JWT_SECRET. */
  @Transform(emptyToUndefined) @IsOptional()
  @IsString() @MinLength(32)
  LOGIN_DEVICE_SECRET?: string;

  /**
   * Agents, supervisors and admins must pass a second factor (TOTP) at every sign-in, and staff
   * routes refuse a session without one. Cannot be turned off in production.
   */
  @Transform(toBoolean) @IsBoolean()
  STAFF_MFA_REQUIRED = true;

  /** AES-256-GCM key of second-factor secrets at rest, 32+ characters. Empty: derived from JWT_SECRET. */
  @Transform(emptyToUndefined) @IsOptional()
  @IsString() @MinLength(32)
  MFA_ENCRYPTION_KEY?: string;

  /**
   * OpenID Connect providers people may sign in with, comma-separated ids (e.g. `gnc,franceconnect`),
   * each configured by OIDC_<ID>_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _NAME, _SCOPES. Empty: none,
   * and no provider button. Read into `oidcProviders`.
   */
  @IsString()
  OIDC_PROVIDERS = '';

  /** The providers of OIDC_PROVIDERS, validated. */
  oidcProviders: OidcProviderConfig[] = [];

  /** Trust X-Forwarded-For from a reverse proxy. Off by default: clients cannot spoof their IP. */
  @Transform(toBoolean) @IsBoolean()
  TRUST_PROXY = false;

  @Type(() => Number) @IsInt() @Min(10)
  OUTBOX_POLL_MS = 250;

  /** Where uploaded documents are stored by the local storage adapter. */
  @IsString() @MinLength(1)
  STORAGE_DIR = '.data/uploads';

  @Type(() => Number) @IsInt() @Min(1024)
  MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

  @Type(() => Number) @IsInt() @Min(1024)
  MAX_REQUEST_DOCUMENTS_BYTES = 30 * 1024 * 1024;

  /**
   * The companies register. Empty: the fixture shipped with the repo (fictional businesses).
   * Set: an HTTP registry answering GET <url>/ridet/<10 digits> with a JSON entry, 404 when unknown.
   */
  @Transform(emptyToUndefined) @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  BUSINESS_REGISTRY_URL?: string;

  /** Live streams: comment heartbeat period, and concurrent streams allowed per account. */
  @Type(() => Number) @IsInt() @Min(100)
  SSE_HEARTBEAT_MS = 15_000;

  @Type(() => Number) @IsInt() @Min(1)
  SSE_MAX_STREAMS_PER_ACCOUNT = 5;

  /** How often the worker's sweeper looks for overdue files and lost jobs. */
  @Type(() => Number) @IsInt() @Min(100)
  SWEEP_INTERVAL_MS = 60_000;

  /** A file still `submitted` this long after submission lost its intake job: the sweeper queues it again. */
  @Type(() => Number) @IsInt() @Min(1000)
  SWEEP_STUCK_AFTER_MS = 5 * 60_000;

  /**
   * Days the worker keeps technical rows once they are of no more use: outbox rows sent, sessions
   * ended, emailed tokens spent or expired, idempotency records. At least 2 (a queue that forgot its
   * jobs gets back those relayed in the last day).
   */
  @Type(() => Number) @IsInt() @Min(2)
  RETENTION_TECHNICAL_DAYS = 30;

  /** Days a spooled email (address, name, text) is kept after it was queued. */
  @Type(() => Number) @IsInt() @Min(1)
  RETENTION_EMAIL_DAYS = 90;

  @Type(() => Number) @IsInt() @Min(1) @Max(64)
  WORKER_CONCURRENCY = 8;

  /**
   * How long a worker's lock on a job lasts without renewal; a job whose worker died is retried
   * (stalled) after about this long.
   */
  @Type(() => Number) @IsInt() @Min(500)
  JOB_LOCK_MS = 30_000;

  /** Attempts of a job before it becomes a dead letter (exponential backoff from 2 s between them). */
  @Type(() => Number) @IsInt() @Min(1) @Max(20)
  JOB_ATTEMPTS = 9;

  /**
   * Attempts of a webhook delivery (exponential backoff from 2 s: the 16th about 18 h after the first)
   * before it is marked failed and becomes a dead letter an admin can replay. Receivers are other
   * people's servers: they get most of a day to come back.
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(16)
  WEBHOOK_ATTEMPTS = 16;

  /** A webhook receiver that has not answered within this long counts as a failed attempt. */
  @Type(() => Number) @IsInt() @Min(100) @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /**
   * Let webhooks reach private, loopback and reserved addresses (a receiver on the province's own
   * network). Off by default: a webhook URL must not become a way into internal services (SSRF).
   */
  @Transform(toBoolean) @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_NETWORKS = false;

  /** How long an approved job offer stays on the public board. */
  @Type(() => Number) @IsInt() @Min(1) @Max(365)
  JOB_OFFER_PUBLICATION_DAYS = 60;

  /**
   * Internal listener for Prometheus (/metrics) and health (/health), on HOST; 0 = off. The worker's
   * only HTTP. Keep it off the public network, or set METRICS_TOKEN.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  METRICS_PORT = 0;

  /** When set, /metrics requires `Authorization: Bearer <METRICS_TOKEN>` (/health stays open). */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(16)
  METRICS_TOKEN?: string;

  /** OpenTelemetry traces (OTLP over HTTP, `<endpoint>/v1/traces`) of HTTP, PostgreSQL, Redis and jobs. Empty: no tracing. */
  @Transform(emptyToUndefined) @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /**
   * Set by `npm start`'s launcher (a fresh UUID) and returned by /health/ready, so the launcher
   * announces readiness only when its own API answers, not another server on the same port.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  PORTAL_INSTANCE_ID?: string;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get apiDocsEnabled(): boolean {
    return this.API_DOCS ?? !this.isProduction;
  }

  get corsOrigins(): string[] {
    return this.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  }
}

/** Validates raw environment variables; throws one message naming every bad variable. */
export function validateConfig(env: Record<string, unknown>): AppConfig {
  const problems: string[] = [];
  // Secrets may come as files (JWT_SECRET_FILE, DATABASE_PASSWORD_FILE…), read here, once.
  const raw = resolveSecretFiles(env, new Set(Object.keys(new AppConfig())), problems);
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  problems.push(
    ...errors.map((e) => {
      // Secrets are named, never shown.
      const shown = /SECRET|PASSWORD|TOKEN/.test(e.property) ? '(hidden)' : JSON.stringify(raw[e.property]);
      return `${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    }),
  );
  config.oidcProviders = parseOidcProviders(raw, problems);
  config.DATABASE_URL = withDatabasePassword(config.DATABASE_URL, config.DATABASE_PASSWORD);
  if (config.isProduction && config.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET: the development secret cannot be used in production');
  }
  if (config.isProduction && config.SEAL_PRIVATE_KEY.trim() === '') {
    problems.push('SEAL_PRIVATE_KEY: required in production (the development seal key is public)');
  }
  try {
    parseSealKeys(config);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (config.isProduction && !config.STAFF_MFA_REQUIRED) {
    problems.push('STAFF_MFA_REQUIRED: staff must use a second factor in production');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return config;
}
