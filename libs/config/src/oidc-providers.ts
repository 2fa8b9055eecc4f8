import { readFileSync } from 'node:fs';

/** One OpenID Connect provider people may sign in with (FranceConnect, the territory's own…). */
export interface OidcProviderConfig {
  /** Short id, in URLs and the database: lower-case letters, digits and dashes. */
  id: string;
  /** What the sign-in button says after « Continuer avec ». */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
}

const ID = /^[a-z][a-z0-9-]{0,29}$/;
const DEFAULT_SCOPES = 'openid email profile';

/** `OIDC_<ID>_<SETTING>`: the id upper-cased, dashes as underscores. */
export const oidcVariable = (id: string, setting: string): string => `OIDC_${id.toUpperCase().replace(/-/g, '_')}_${setting}`;

/**
 * The providers named in OIDC_PROVIDERS (comma-separated ids), each from its own variables:
 * OIDC_<ID>_ISSUER, _CLIENT_ID, _CLIENT_SECRET (or _CLIENT_SECRET_FILE), _NAME, _SCOPES (default
 * `openid email profile`). Problems are pushed, naming the variable; secrets are never shown.
 */
export function parseOidcProviders(env: Record<string, unknown>, problems: string[]): OidcProviderConfig[] {
  const listed = typeof env.OIDC_PROVIDERS === 'string' ? env.OIDC_PROVIDERS : '';
  const ids = listed.split(',').map((id) => id.trim()).filter(Boolean);
  const providers: OidcProviderConfig[] = [];
  for (const id of ids) {
    if (!ID.test(id)) {
      problems.push(`OIDC_PROVIDERS: "${id}" is not a provider id (lower-case letters, digits and dashes, starting with a letter)`);
      continue;
    }
    if (providers.some((p) => p.id === id)) {
      problems.push(`OIDC_PROVIDERS: "${id}" is listed twice`);
      continue;
    }
    const read = (setting: string): string => {
      const value = env[oidcVariable(id, setting)];
      return typeof value === 'string' ? value.trim() : '';
    };
    const required = (setting: string): string => {
      const value = read(setting);
      if (!value) problems.push(`${oidcVariable(id, setting)}: required (the provider "${id}" is listed in OIDC_PROVIDERS)`);
      return value;
    };
    const issuer = required('ISSUER');
    if (issuer && !isHttpUrl(issuer)) problems.push(`${oidcVariable(id, 'ISSUER')}=${JSON.stringify(issuer)}: must be an http(s) URL`);
    const secretFile = read('CLIENT_SECRET_FILE');
    let clientSecret = read('CLIENT_SECRET');
    if (secretFile && clientSecret) problems.push(`${oidcVariable(id, 'CLIENT_SECRET_FILE')}: ${oidcVariable(id, 'CLIENT_SECRET')} is set too; set one or the other`);
    else if (secretFile) clientSecret = readSecret(secretFile, oidcVariable(id, 'CLIENT_SECRET_FILE'), problems);
    else if (!clientSecret) problems.push(`${oidcVariable(id, 'CLIENT_SECRET')}: required (the provider "${id}" is listed in OIDC_PROVIDERS)`);
    const scopes = read('SCOPES') || DEFAULT_SCOPES;
    if (!scopes.split(/\s+/).includes('openid')) problems.push(`${oidcVariable(id, 'SCOPES')}=${JSON.stringify(scopes)}: must include openid`);
    providers.push({ id, name: read('NAME') || id, issuer, clientId: required('CLIENT_ID'), clientSecret, scopes });
  }
  return providers;
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function readSecret(path: string, variable: string, problems: string[]): string {
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    problems.push(`${variable}=${JSON.stringify(path)}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return '';
  }
}
