import { readFileSync } from 'node:fs';

/**
 * `<NAME>_FILE=/run/secrets/…` for any variable NAME the config knows: the value is read from the
 * file (one trailing newline dropped), so secrets can come from Docker or Kubernetes secret files
 * instead of the environment. Setting both NAME and NAME_FILE is an error, as is an unreadable file.
 */
export function resolveSecretFiles(raw: Record<string, unknown>, known: Set<string>, problems: string[]): Record<string, unknown> {
  const resolved: Record<string, unknown> = { ...raw };
  for (const [key, path] of Object.entries(raw)) {
    if (!key.endsWith('_FILE') || typeof path !== 'string' || path === '') continue;
    const name = key.slice(0, -'_FILE'.length);
    if (!known.has(name)) continue;
    if (raw[name] !== undefined && raw[name] !== '') {
      problems.push(`${key}: ${name} is set too; set one or the other`);
      continue;
    }
    try {
      resolved[name] = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push(`${key}=${JSON.stringify(path)}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return resolved;
}

/** DATABASE_URL with DATABASE_PASSWORD put in: the URL stays a plain setting, the password a secret. */
export function withDatabasePassword(url: string, password: string | undefined): string {
  if (!password) return url;
  try {
    const parsed = new URL(url);
    parsed.password = encodeURIComponent(password);
    return parsed.toString();
  } catch {
    return url; // the URL's own validation reports it
  }
}
