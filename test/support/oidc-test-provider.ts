import { generateKeyPairSync } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { decodeJwt, importJWK, JWK, JWTPayload, SignJWT } from 'jose';
import { Provider } from 'oidc-provider';

export interface TestPerson {
  sub: string;
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
}

/** Changes the ID token the token endpoint answers with, re-signed with `key` (the provider's own by default). */
export type IdTokenTamper = (claims: JWTPayload) => { claims: JWTPayload; key?: 'provider' | 'stranger' };

const CLIENT_SECRET = 'secret-du-portail-pour-les-tests';
const NEXT_PERSON_PATH = '/__test/next-person';

/** From another process (a browser test): the next sign-in at the provider at `issuer` is this person's. */
export async function signInAsRemote(issuer: string, person: TestPerson): Promise<void> {
  const res = await fetch(`${issuer}${NEXT_PERSON_PATH}`, { method: 'POST', body: JSON.stringify(person) });
  if (res.status !== 204) throw new Error(`the test provider answered ${res.status}`);
}

/**
 * A real OpenID Connect provider (oidc-provider, the certified Node implementation) on a free port,
 * with one client: the portal. Whoever signs in is the person given to `signInAs` (the login page is
 * replaced by that choice); consent is implied. The ID token can be tampered with on its way out, to
 * prove the portal's checks: audience, expiry, signature, nonce.
 */
export class OidcTestProvider {
  readonly clientId = 'portail-test';
  readonly clientSecret = CLIENT_SECRET;
  issuer = '';
  private server?: Server;
  private readonly people = new Map<string, TestPerson>();
  private next?: TestPerson;
  private tamper?: IdTokenTamper;
  private readonly signingKey: JWK;
  private readonly strangerKey: JWK;

  constructor(private readonly redirectUris: string[]) {
    const jwk = (): JWK => ({ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'cle-1', alg: 'RS256', use: 'sig' });
    this.signingKey = jwk();
    // Another key under the same key id: a forged token that only a signature check can tell.
    this.strangerKey = jwk();
  }

  /** The variables that configure this provider in the portal as `id`. */
  env(id: string, name = 'Mon compte de test'): Record<string, string> {
    const prefix = `OIDC_${id.toUpperCase().replace(/-/g, '_')}`;
    return { OIDC_PROVIDERS: id, [`${prefix}_ISSUER`]: this.issuer, [`${prefix}_CLIENT_ID`]: this.clientId, [`${prefix}_CLIENT_SECRET`]: this.clientSecret, [`${prefix}_NAME`]: name };
  }

  async start(): Promise<void> {
    this.server = createServer();
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    // Its in-memory store is what a test wants: the warning that says so is not printed.
    const warn = console.warn;
    console.warn = () => undefined;
    const provider = new Provider(this.issuer, {
      clients: [{ client_id: this.clientId, client_secret: this.clientSecret, redirect_uris: this.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
      jwks: { keys: [this.signingKey] },
      pkce: { required: () => true, methods: ['S256'] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name'] },
      cookies: { keys: ['cle-des-cookies-du-fournisseur-de-test'] },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx: unknown, sub: string) => {
        const person = this.people.get(sub);
        return person ? { accountId: sub, claims: () => person } : undefined;
      },
      // Consent is implied: the portal is the province's own client.
      loadExistingGrant: async (ctx: { oidc: { client: { clientId: string }; session: { accountId: string } } }) => {
        const grant = new provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    });
    console.warn = warn;
    provider.use(async (ctx, next) => {
      // Browser tests run in other processes: they say who signs in next over HTTP (signInAsRemote).
      if (ctx.path === NEXT_PERSON_PATH) {
        let body = '';
        for await (const chunk of ctx.req) body += String(chunk);
        this.signInAs(JSON.parse(body) as TestPerson);
        ctx.status = 204;
        return;
      }
      if (!ctx.path.startsWith('/interaction/')) return next();
      const person = this.next;
      if (!person) throw new Error('signInAs() first');
      this.people.set(person.sub, person);
      await provider.interactionDetails(ctx.req, ctx.res);
      ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false }));
    });
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (ctx.path !== '/token' || ctx.status !== 200 || !this.tamper || !body?.id_token) return;
      const { claims, key } = this.tamper(decodeJwt(body.id_token));
      const jwk = key === 'stranger' ? this.strangerKey : this.signingKey;
      body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'cle-1', typ: 'JWT' }).sign(await importJWK(jwk, 'RS256'));
    });
    this.server.on('request', provider.callback());
  }

  /** The next sign-in at the provider is this person's; `tamper` changes the ID token issued. */
  signInAs(person: TestPerson, tamper?: IdTokenTamper): void {
    this.next = person;
    this.tamper = tamper;
  }

  /**
   * Follows the authorization URL as a browser would (the provider's cookies kept) until the provider
   * sends back to the portal: returns that redirect's query string (`code`, `state`, `iss`).
   */
  async authorize(authorizationUrl: string): Promise<string> {
    const jar = new Map<string, string>();
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop++) {
      const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const cookie of res.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const [name, ...value] = pair.split('=');
        if (value.join('=')) jar.set(name.trim(), value.join('='));
        else jar.delete(name.trim());
      }
      const location = res.headers.get('location');
      if (!location) throw new Error(`the provider answered ${res.status} without a redirect: ${(await res.text()).slice(0, 300)}`);
      const next = new URL(location, url);
      if (this.redirectUris.some((uri) => next.href.startsWith(uri))) return next.search.slice(1);
      url = next.href;
    }
    throw new Error('too many redirects at the provider');
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
