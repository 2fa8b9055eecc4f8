import { request as httpRequest } from 'node:http';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { ERROR_CODES, ErrorCode } from '@portal/common';
import { ActorName, AuthorizationWorld } from './support/authorization-fixtures';
import { login } from './support/factories';
import { OidcTestProvider } from './support/oidc-test-provider';
import { nestRouteInfos, RouteInfo } from './support/routes';
import { startTestPortal, TestPortal } from './support/test-portal';

/**
 * Fuzzing every route that takes input (body, query, path parameters, headers) with fast-check,
 * against the real app and database: never a 5xx, always the documented error shape, nothing
 * changed in the database by a refused request, and no prototype pollution.
 *
 * Requests are sent as the route's rightful user (the file's applicant, the directorate's agent,
 * the admin…) with the world's real ids most of the time, so the input reaches the handlers rather
 * than stopping at authentication. FUZZ_RUNS (default 30) sets the runs per route; FUZZ_SEED replays one.
 */

const OIDC_PROVIDER = 'test';
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface Received {
  status: number;
  contentType: string;
  text: string;
}

/** A raw HTTP call: the path is sent exactly as given; an event stream is dropped once its status is known. */
function send(baseUrl: string, call: Sent): Promise<Received> {
  const url = new URL(baseUrl);
  // Framed explicitly: Node sends a DELETE's body unframed otherwise, and the server reads it as the next request.
  const headers = call.body === undefined ? call.headers : { ...call.headers, 'content-length': String(Buffer.byteLength(call.body)) };
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method: call.method, path: call.path, headers }, (res) => {
      const contentType = String(res.headers['content-type'] ?? '');
      if (contentType.startsWith('text/event-stream')) {
        res.destroy();
        resolve({ status: res.statusCode ?? 0, contentType, text: '' });
        return;
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType, text }));
      res.on('error', reject);
    });
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer within 15 s: ${call.method} ${call.path}`)));
    req.on('error', reject);
    req.end(call.body);
  });
}

/** What is wrong with an error response, if anything. */
function shapeProblem(res: Received): string | undefined {
  if (!res.contentType.startsWith('application/json')) return `content-type ${res.contentType || '(none)'}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(res.text) as Record<string, unknown>;
  } catch {
    return 'body is not JSON';
  }
  const code = body.code as ErrorCode;
  const extra = Object.keys(body).filter((k) => !['statusCode', 'code', 'message', 'correlationId', 'details'].includes(k));
  if (extra.length > 0) return `unexpected keys ${extra.join(', ')}`;
  if (!(code in ERROR_CODES)) return `unknown code ${String(body.code)}`;
  if (body.statusCode !== res.status || ERROR_CODES[code].status !== res.status) return `code ${code} (${ERROR_CODES[code].status}) with status ${res.status}, statusCode ${String(body.statusCode)}`;
  if (typeof body.message !== 'string' || body.message.length === 0) return 'no message';
  if (typeof body.correlationId !== 'string' || body.correlationId.length === 0) return 'no correlationId';
  const details = body.details;
  if (details !== undefined) {
    const fieldErrorsOk = Array.isArray(details) && details.every((d: Record<string, unknown>) => ['field', 'code', 'message'].every((k) => typeof d[k] === 'string'));
    if (!fieldErrorsOk && (Array.isArray(details) || typeof details !== 'object' || details === null)) return 'malformed details';
  }
  return undefined;
}

// ─── Generators ────────────────────────────────────────────────────────────────────────────────

const NASTY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\udbff', '\u202e', '\ufeff', '__proto__', 'constructor', 'prototype', 'toString',
  "'; DROP TABLE requests; --", '%00', '%zz', '../../etc/passwd', '${7*7}', '{{7*7}}', '<script>alert(1)</script>', 'null', 'true', '-1', '0',
  '1e309', '9'.repeat(400), 'é'.repeat(6000), '2020-02-30', '2020-W01', '2020-001', '1', '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff', '------------------------------------', 'PS-2026-000001', 'DDET', 'in_review', '+687 25.12.34',
];

/** Strings to send: the world's real values (so validation passes and handlers run) and hostile ones. */
function stringsArb(interesting: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...interesting), weight: 4 },
    { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
    { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
    { arbitrary: fc.uuid(), weight: 1 },
  );
}

function valueArb(strings: fc.Arbitrary<string>, keys: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      strings,
      fc.integer(),
      fc.constantFrom(0, 1, 2, -1, 2 ** 31, 2 ** 53, -(2 ** 53), 0.5, 1e308),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(keys, tie('value'), { maxKeys: 4 }),
    ),
  }));
  return value;
}

/** Property names a DTO validates, and the literal values its constraints name (enums, lists). */
function dtoShape(dto: RouteInfo['body']): { keys: string[]; literals: string[] } {
  if (!dto) return { keys: [], literals: [] };
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const literals = metadata.flatMap((m) => (m.constraints ?? []).flat(2)).filter((c): c is string => typeof c === 'string');
  return { keys: [...new Set(metadata.map((m) => m.propertyName))], literals };
}

function bodyArb(route: RouteInfo, strings: fc.Arbitrary<string>): fc.Arbitrary<string | undefined> {
  const { keys, literals } = dtoShape(route.body);
  const allStrings = literals.length > 0 ? fc.oneof(strings, fc.constantFrom(...literals)) : strings;
  const names = fc.oneof({ arbitrary: keys.length > 0 ? fc.constantFrom(...keys) : fc.string({ maxLength: 10 }), weight: 4 }, fc.constantFrom('__proto__', 'constructor', 'id', 'role', 'status'), fc.string({ unit: 'binary', maxLength: 8 }));
  const value = valueArb(allStrings, names);
  const shaped = fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] });
  const withExtra = fc.tuple(shaped, fc.dictionary(names, value, { maxKeys: 2 })).map(([a, b]) => ({ ...b, ...a }));
  return fc.oneof(
    { arbitrary: shaped.map((b) => JSON.stringify(b)), weight: 5 },
    { arbitrary: withExtra.map((b) => JSON.stringify(b)), weight: 2 },
    { arbitrary: value.map((b) => JSON.stringify(b)), weight: 1 },
    { arbitrary: fc.constantFrom('', '{', '{"a":', '[1,]', 'nul', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}'), weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

/** Percent-encodes every byte, so any string (NUL, '/', '?', '#') travels as one component. */
const encodeAll = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const RAW_COMPONENTS = ['%', '%zz', '%ED%A0%80', '%C0%AF', '%00', '..', '.', 'a'.repeat(150)];

function componentArb(valid: string[], strings: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...valid).map(encodeURIComponent), weight: 5 },
    { arbitrary: strings.map(encodeAll), weight: 2 },
    { arbitrary: fc.constantFrom(...RAW_COMPONENTS), weight: 1 },
  );
}

function queryArb(route: RouteInfo, strings: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const { keys, literals } = dtoShape(route.query);
  const allStrings = literals.length > 0 ? fc.oneof(strings, fc.constantFrom(...literals, 'true', 'false', '1', '20', '100', '101')) : strings;
  const name = keys.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...keys), weight: 4 }, fc.constantFrom('__proto__', 'constructor[prototype]', 'a[b]')) : fc.string({ maxLength: 8 });
  const pair = fc.oneof(
    { arbitrary: fc.tuple(name, allStrings).map(([k, v]) => `${encodeURIComponent(k)}=${encodeAll(v)}`), weight: 6 },
    { arbitrary: fc.constantFrom(...RAW_COMPONENTS, '=', '&', 'a=%zz', '%00=1'), weight: 1 },
  );
  return fc.array(pair, { maxLength: 5 }).map((pairs) => (pairs.length > 0 ? `?${pairs.join('&')}` : ''));
}

const headerValueArb = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
  fc.uuid(),
  fc.constantFrom('', '0', '-1', '99999999999999999999', 'a'.repeat(300), '1:2', 'null'),
);

const CONTENT_TYPES = ['application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'];

// ─── The world and who may call what ───────────────────────────────────────────────────────────

/** The route's rightful caller: inputs then reach the handler instead of stopping at a guard. */
function ownerOf(route: RouteInfo): Exclude<ActorName, 'anonymous'> {
  if (route.url.startsWith('/api/admin') || route.url.includes('/versions')) return 'admin';
  if (route.url.startsWith('/api/agent')) return 'agentDDET';
  if (/^\/api\/business(es|-invitations)/.test(route.url)) return 'businessMember';
  return 'residentA';
}

function validParams(w: AuthorizationWorld, route: RouteInfo, name: string): string[] {
  const businessRoute = route.url.startsWith('/api/businesses');
  switch (name) {
    case 'code':
      return [w.personService.code, w.businessService.code];
    case 'version':
      return ['1'];
    case 'businessId':
      return [w.business.id];
    case 'membershipId':
      return [w.colleagueMembershipId, w.otherMembershipId];
    case 'offerId':
      return [w.jobOfferId, w.otherJobOfferId];
    case 'provider':
      return [OIDC_PROVIDER];
    case 'docId':
      return [w.aDraft.docId, w.aFile.docId, w.bizDraft.docId];
    case 'id':
      if (businessRoute) return [w.business.id, w.otherBusiness.id];
      if (route.url.startsWith('/api/job-offers')) return [w.jobOfferId];
      if (route.url.includes('/notifications/')) return [w.aNotificationId];
      if (route.url.startsWith('/api/admin')) return ['00000000-0000-4000-8000-000000000000'];
      return [w.aDraft.id, w.aFile.id, w.bizDraft.id, w.bizFile.id];
    default:
      throw new Error(`no values for :${name} of ${route.key}`);
  }
}

describe('Fuzzing every route that takes input (e2e)', () => {
  let portal: TestPortal;
  let op: OidcTestProvider;
  let w: AuthorizationWorld;
  let fingerprint: () => Promise<Map<string, string>>;

  beforeAll(async () => {
    // Limits off: this suite is about input, and sends many wrong passwords from one address.
    // A real OpenID provider, so the sign-in and identity routes reach their handlers.
    op = new OidcTestProvider([`http://localhost:3000/connexion/oidc/${OIDC_PROVIDER}`]);
    await op.start();
    portal = await startTestPortal({ env: { PUBLIC_URL: 'http://localhost:3000', ...op.env(OIDC_PROVIDER), RATE_LIMIT_PER_MINUTE: '1000000', LOGIN_MAX_FAILURES_PER_IP: '1000000', LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000000', SSE_MAX_STREAMS_PER_ACCOUNT: '1000', LOG_LEVEL: 'silent' } });
    w = new AuthorizationWorld(portal);
    await w.build();
    // The world is built: from now on only the requests under test may change the database.
    await portal.worker?.close();
    portal.worker = undefined;

    const tables = ((await portal.db.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1",
    )) as Array<{ tablename: string }>).map((t) => t.tablename);
    // Refused logins are audited on purpose (security events): the one change a 4xx may make.
    const rows = (table: string) =>
      table === 'audit_log' ? `(SELECT * FROM audit_log WHERE action NOT IN ('auth.login_failed', 'auth.login_throttled')) x` : `"${table}" x`;
    const sql = tables.map((t) => `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${rows(t)}`).join(' UNION ALL ');
    fingerprint = async () => new Map(((await portal.db.query(sql)) as Array<{ t: string; h: string }>).map((r) => [r.t, r.h]));
  });

  afterAll(async () => {
    await portal?.close();
    await op?.stop();
  });

  const changedTables = (before: Map<string, string>, after: Map<string, string>) => [...after].filter(([t, h]) => before.get(t) !== h).map(([t]) => t);

  it('never answers 5xx, always answers errors in the documented shape, and a refused request changes nothing', async () => {
    const routes = nestRouteInfos(portal.app).filter((r) => r.url.includes(':') || r.body || r.query || r.headers.length > 0);
    const interesting = [
      w.aDraft.id, w.aFile.id, w.bizFile.id, w.business.id, w.business.ridet, w.personService.code, w.actors.agentDDET.accountId, w.actors.residentA.email,
      'DDET', 'DEL', 'DAJI', 'submitted', 'in_review', 'member', 'legal_representative', 'approve', 'request_info', '2026-11-01', 'Nouméa',
    ];
    const strings = stringsArb(interesting);
    const failures: string[] = [];
    let calls = 0;
    let previous = '';
    let before = await fingerprint();

    for (const route of routes) {
      // A session of its own per route: a route that ends sessions (logout, erasure) cannot blind the others.
      const token = (await login(portal, w.actors[ownerOf(route)])).accessToken;
      let signedInCalls = 0;
      let unauthenticated = 0;
      before = await fingerprint();
      const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const paramsArb = fc.tuple(...params.map((p) => componentArb(validParams(w, route, p), strings)));
      const takesBody = route.method !== 'GET';
      const input = fc.record({
        params: paramsArb,
        query: queryArb(route, strings),
        body: takesBody ? bodyArb(route, strings) : fc.constant(undefined),
        contentType: fc.constantFrom(...CONTENT_TYPES),
        headers: fc.tuple(...route.headers.map(() => fc.option(headerValueArb))),
        anonymous: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      });

      const result = await fc.check(
        fc.asyncProperty(input, async (i) => {
          let n = 0;
          const path = route.url.replace(/:(\w+)/g, () => i.params[n++]) + i.query;
          const headers: Record<string, string> = {};
          if (!i.anonymous) headers.authorization = `Bearer ${token}`;
          route.headers.forEach((name, k) => i.headers[k] != null && (headers[name] = i.headers[k]!));
          if (i.body !== undefined) headers['content-type'] = i.contentType;
          const call = { method: route.method, path, headers, body: i.body };
          const res = await send(portal.url, call);
          calls++;
          if (!i.anonymous) {
            signedInCalls++;
            if (res.status === 401) unauthenticated++;
          }
          const after = await fingerprint();
          const changed = changedTables(before, after);
          before = after;
          const shown = { ...headers, ...(headers.authorization ? { authorization: '(jeton)' } : {}) };
          const describe = `${route.key}: ${route.method} ${path.slice(0, 300)} ${JSON.stringify(shown)} ${i.body?.slice(0, 300) ?? ''} → ${res.status} ${res.text.slice(0, 300)}`;
          if (res.status >= 500) throw new Error(`5xx — ${describe}`);
          if (res.status >= 400) {
            const problem = shapeProblem(res);
            if (problem) throw new Error(`error shape (${problem}) — ${describe}`);
            if (changed.length > 0) throw new Error(`a ${res.status} changed ${changed.join(', ')} — ${describe} — previous call: ${previous}`);
          }
          previous = describe;
          if (({} as Record<string, unknown>).polluted !== undefined) throw new Error(`prototype polluted — ${describe}`);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // Inputs must reach the handlers: a route whose every signed-in call stopped at authentication proved nothing.
      if (signedInCalls > 0 && unauthenticated === signedInCalls) failures.push(`${route.key}: all ${signedInCalls} signed-in calls got 401`);
      if (result.failed) failures.push(`${String(result.errorInstance instanceof Error ? result.errorInstance.message : result.errorInstance)} (seed ${result.seed})`);
    }

    if (failures.length > 0) console.log(`${failures.length} route(s) failed:\n${failures.join('\n\n')}`);
    expect(routes.length).toBeGreaterThan(40);
    expect(calls).toBeGreaterThanOrEqual(routes.length * RUNS);
    expect(failures).toEqual([]);
  }, 60_000 + RUNS * 3_000);

  // Known attacks, each once, with the exact answer expected.
  const token = () => w.actors.residentA.token;
  beforeAll(async () => {
    // The fuzzing above may have ended sessions: the known cases sign in afresh.
    w.actors.residentA.token = (await login(portal, w.actors.residentA)).accessToken;
    w.actors.agentDDET.token = (await login(portal, w.actors.agentDDET)).accessToken;
  });
  const deep = (n: number) => `${'{"data":'.repeat(n)}1${'}'.repeat(n)}`;
  const KNOWN: Array<{ name: string; call: () => Sent; status: number; code: ErrorCode }> = [
    { name: 'JSON nested 5,000 deep', status: 400, code: 'VALIDATION_FAILED', call: () => ({ method: 'POST', path: '/api/requests', headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' }, body: deep(5000) }) },
    { name: 'arrays nested 5,000 deep in a form answer', status: 400, code: 'VALIDATION_FAILED', call: () => ({ method: 'PATCH', path: `/api/requests/${w.aDraft.id}`, headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' }, body: `{"data":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}` }) },
    { name: 'NUL in a path parameter', status: 400, code: 'VALIDATION_FAILED', call: () => ({ method: 'POST', path: `/api/requests/${w.aDraft.id}%00/submit`, headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json', 'idempotency-key': 'cle-fuzz-0001' }, body: '{}' }) },
    { name: 'NUL in a JSON string', status: 400, code: 'VALIDATION_FAILED', call: () => ({ method: 'PATCH', path: '/api/me', headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' }, body: '{"firstName":"Al\\u0000ice"}' }) },
    { name: 'lone surrogate in an email', status: 400, code: 'VALIDATION_FAILED', call: () => ({ method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json' }, body: '{"email":"a\\udfff@exemple.nc","password":"x"}' }) },
    { name: 'null for a required profile field', status: 400, code: 'VALIDATION_FAILED', call: () => ({ method: 'PATCH', path: '/api/me', headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' }, body: '{"firstName":null}' }) },
    { name: 'an object whose toString is not callable for a version', status: 400, code: 'VALIDATION_FAILED', call: () => ({ method: 'POST', path: `/api/requests/${w.aDraft.id}/submit`, headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json', 'idempotency-key': 'cle-fuzz-0002' }, body: '{"expectedVersion":{"toString":false}}' }) },
    { name: '__proto__ in a body', status: 400, code: 'MALFORMED_JSON', call: () => ({ method: 'PATCH', path: '/api/me', headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' }, body: '{"__proto__":{"polluted":true}}' }) },
    { name: 'an undecodable path', status: 400, code: 'BAD_REQUEST', call: () => ({ method: 'GET', path: '/api/requests/%zz', headers: { authorization: `Bearer ${token()}` } }) },
    { name: 'a path parameter over 100 characters', status: 414, code: 'URI_TOO_LONG', call: () => ({ method: 'GET', path: `/api/requests/${'a'.repeat(150)}`, headers: { authorization: `Bearer ${token()}` } }) },
    { name: '20 KB of headers', status: 431, code: 'HEADERS_TOO_LARGE', call: () => ({ method: 'GET', path: '/api/me', headers: { 'x-remplissage': 'a'.repeat(20_000) } }) },
    { name: 'an unknown Expect header', status: 417, code: 'EXPECTATION_FAILED', call: () => ({ method: 'POST', path: '/api/auth/login', headers: { expect: 'bonjour', 'content-type': 'application/json' }, body: '{}' }) },
    { name: 'a form post to a JSON route', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', call: () => ({ method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `email=${encodeURIComponent(w.loginTarget.email)}&password=${encodeURIComponent(w.loginTarget.password)}` }) },
    { name: 'a week date in a worklist filter', status: 400, code: 'VALIDATION_FAILED', call: () => ({ method: 'GET', path: '/api/agent/requests?submittedFrom=2020-W01', headers: { authorization: `Bearer ${w.actors.agentDDET.token}` } }) },
    { name: 'a cursor with an impossible date', status: 400, code: 'VALIDATION_FAILED', call: () => ({ method: 'GET', path: `/api/agent/requests?cursor=${Buffer.from(JSON.stringify(['2020-02-30', w.aFile.id])).toString('base64url')}`, headers: { authorization: `Bearer ${w.actors.agentDDET.token}` } }) },
    { name: 'a notification id that only looks like a UUID', status: 404, code: 'NOT_FOUND', call: () => ({ method: 'POST', path: `/api/me/notifications/${'-'.repeat(36)}/read`, headers: { authorization: `Bearer ${token()}` } }) },
  ];

  it.each(KNOWN)('refuses $name with $status $code, changing nothing', async ({ call, status, code }) => {
    const before = await fingerprint();
    const res = await send(portal.url, call());
    expect({ status: res.status, code: (JSON.parse(res.text || '{}') as { code?: string }).code, shape: shapeProblem(res) }).toEqual({ status, code, shape: undefined });
    expect(changedTables(before, await fingerprint())).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
