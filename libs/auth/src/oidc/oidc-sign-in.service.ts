import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, Actor, insertAccount, normaliseEmail, UNUSABLE_PASSWORD } from '@portal/accounts';
import { AuditService, RequestOrigin } from '@portal/audit';
import { DomainError, PG_UNIQUE_VIOLATION, pgErrorCode } from '@portal/common';
import { errors, generators, IdTokenClaims, TokenSet, UserinfoResponse } from 'openid-client';
import { DataSource, EntityManager } from 'typeorm';
import type { LoginResult } from '../auth.service';
import { LoginDevices } from '../login-devices';
import { MfaPendingTokens } from '../mfa-pending-token.service';
import { MfaService } from '../mfa.service';
import { SessionsService } from '../sessions.service';
import { LinkedIdentity } from './linked-identity.entity';
import { OidcClients, OidcProviderSummary } from './oidc-clients.service';
import { OidcTransaction, OidcTransactions } from './oidc-transactions.service';

export interface OidcStart {
  authorizationUrl: string;
  /** The sealed transaction, for the browser's cookie. */
  transaction: string;
}

/** A sign-in's outcome (as a password sign-in's), or, for a link, the provider now linked. */
export type OidcCallbackResult = LoginResult | { linked: { provider: string } };

type Claims = IdTokenClaims & Partial<UserinfoResponse>;

/**
 * Sign-in with an OpenID Connect provider: authorization code flow with PKCE (S256), `state` and
 * `nonce`, the ID token checked by openid-client (signature by the provider's published keys,
 * issuer, audience, expiry, nonce). The identity is found by (provider, subject); a first sign-in
 * links to the account of the same address only when both the provider and the portal have verified
 * it, or creates the account from the verified claims. Then the portal's own rules apply: second
 * factor, sessions, refresh rotation, cookies.
 */
@Injectable()
export class OidcSignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: OidcClients,
    private readonly transactions: OidcTransactions,
    private readonly sessions: SessionsService,
    private readonly mfa: MfaService,
    private readonly pendingTokens: MfaPendingTokens,
    private readonly devices: LoginDevices,
    private readonly audit: AuditService,
  ) {}

  /** The providers to offer on the sign-in page. */
  providers(): OidcProviderSummary[] {
    return this.clients.list();
  }

  /** Where to send the browser; `linkTo`: a signed-in account linking this provider. */
  async start(providerId: string, linkTo?: Actor): Promise<OidcStart> {
    const provider = this.clients.provider(providerId);
    const client = await this.clients.client(providerId);
    const codeVerifier = generators.codeVerifier();
    const transaction: OidcTransaction = {
      provider: providerId,
      state: generators.state(),
      nonce: generators.nonce(),
      codeVerifier,
      ...(linkTo ? { link: { accountId: linkTo.accountId, sessionId: linkTo.sessionId } } : {}),
    };
    const authorizationUrl = client.authorizationUrl({
      scope: provider.scopes,
      redirect_uri: this.clients.redirectUri(providerId),
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { authorizationUrl, transaction: this.transactions.seal(transaction) };
  }

  /** The provider's answer (`query`: the query string it sent the browser back with) and the browser's transaction cookie. */
  async complete(providerId: string, query: string, cookie: string | undefined, origin: RequestOrigin): Promise<OidcCallbackResult> {
    this.clients.provider(providerId);
    const transaction = this.transactions.open(cookie, providerId);
    const claims = await this.verifiedClaims(transaction, query);
    if (transaction.link) return { linked: await this.link(transaction.link, providerId, claims, origin) };
    return this.signIn(providerId, claims, origin);
  }

  /** Exchanges the code (with the PKCE verifier) and checks the ID token; the claims, completed from userinfo when the ID token has no email. */
  private async verifiedClaims(transaction: OidcTransaction, query: string): Promise<Claims> {
    const client = await this.clients.client(transaction.provider);
    const params = client.callbackParams(`/?${query.replace(/^\?/, '')}`);
    if (params.error) throw new DomainError('OIDC_PROVIDER_REFUSED');
    if (params.state !== transaction.state) throw new DomainError('OIDC_STATE_MISMATCH');
    let tokens: TokenSet;
    try {
      tokens = await client.callback(this.clients.redirectUri(transaction.provider), params, {
        state: transaction.state,
        nonce: transaction.nonce,
        code_verifier: transaction.codeVerifier,
        response_type: 'code',
      });
    } catch (error) {
      throw this.refusal(error);
    }
    const claims: Claims = tokens.claims();
    if (claims.email || !tokens.access_token) return claims;
    try {
      // openid-client checks that userinfo's subject is the ID token's.
      return { ...(await client.userinfo(tokens)), ...claims };
    } catch (error) {
      throw this.refusal(error);
    }
  }

  private refusal(error: unknown): DomainError {
    if (error instanceof errors.OPError) return new DomainError('OIDC_CODE_REJECTED');
    if (error instanceof errors.RPError) return new DomainError(/state mismatch/.test(error.message) ? 'OIDC_STATE_MISMATCH' : 'OIDC_ID_TOKEN_INVALID');
    if (error instanceof DomainError) return error;
    return new DomainError('OIDC_PROVIDER_UNAVAILABLE');
  }

  private async signIn(provider: string, claims: Claims, origin: RequestOrigin): Promise<LoginResult> {
    const account = await this.dataSource.transaction(async (manager) => {
      const known = await manager.findOne(LinkedIdentity, { where: { provider, subject: claims.sub }, relations: { account: true } });
      const found = known?.account ?? (await this.firstSignIn(manager, provider, claims, origin));
      // Thrown inside: a disabled account gains no link.
      if (found.status !== 'active') throw new DomainError('ACCOUNT_DISABLED');
      if (known) await manager.update(LinkedIdentity, { id: known.id }, { lastUsedAt: () => 'now()' });
      return found;
    });

    const challenge = await this.mfa.challengeFor(account);
    if (challenge) return { challenge: { mfaToken: this.pendingTokens.sign(account.id), enrolmentRequired: challenge === 'enrol' } };
    const tokens = await this.dataSource.transaction(async (manager) => {
      const pair = await this.sessions.open(manager, account, origin);
      await this.audit.record({ action: 'auth.login_succeeded', actorId: account.id, target: { type: 'account', id: account.id }, origin, details: { via: 'oidc', provider } }, manager);
      return pair;
    });
    return { tokens, device: this.devices.issue(account.id) };
  }

  /** Links to the account of the same verified address, or creates one; never trusts an unverified address. */
  private async firstSignIn(manager: EntityManager, provider: string, claims: Claims, origin: RequestOrigin): Promise<Account> {
    if (typeof claims.email !== 'string' || claims.email_verified !== true) throw new DomainError('OIDC_EMAIL_NOT_VERIFIED');
    const email = normaliseEmail(claims.email);
    const existing = await manager.findOneBy(Account, { email });
    if (existing) {
      // A pending account may have been opened by someone else with this address (pre-registration): never handed over.
      if (existing.status === 'pending_verification' || !existing.emailVerifiedAt) throw new DomainError('OIDC_ACCOUNT_NOT_VERIFIED');
      await this.insertIdentity(manager, existing.id, provider, claims, origin, 'verified_email');
      return existing;
    }
    const account = await insertAccount(manager, {
      email,
      passwordHash: UNUSABLE_PASSWORD,
      firstName: nameClaim(claims.given_name) ?? nameClaim(claims.name) ?? 'Usager',
      lastName: nameClaim(claims.family_name) ?? '',
      role: 'citizen',
      status: 'active',
      emailVerifiedAt: new Date(),
    });
    await this.audit.record({ action: 'account.registered', actorId: account.id, target: { type: 'account', id: account.id }, origin, details: { via: 'oidc', provider } }, manager);
    await this.insertIdentity(manager, account.id, provider, claims, origin, 'new_account');
    return account;
  }

  private async link(link: NonNullable<OidcTransaction['link']>, provider: string, claims: Claims, origin: RequestOrigin): Promise<{ provider: string }> {
    if (!(await this.sessions.findLive(link.sessionId, link.accountId))) throw new DomainError('SESSION_REVOKED');
    await this.dataSource.transaction((manager) => this.insertIdentity(manager, link.accountId, provider, claims, origin, 'account_page'));
    return { provider };
  }

  private async insertIdentity(manager: EntityManager, accountId: string, provider: string, claims: Claims, origin: RequestOrigin, via: string): Promise<void> {
    const taken = await manager.findOneBy(LinkedIdentity, { provider, subject: claims.sub });
    if (taken) throw new DomainError(taken.accountId === accountId ? 'OIDC_ALREADY_LINKED' : 'OIDC_IDENTITY_TAKEN');
    const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : null;
    try {
      await manager.insert(LinkedIdentity, { accountId, provider, subject: claims.sub, email, lastUsedAt: new Date() });
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw new DomainError('OIDC_ALREADY_LINKED');
      throw error;
    }
    await this.audit.record({ action: 'auth.identity_linked', actorId: accountId, target: { type: 'account', id: accountId }, origin, details: { provider, via } }, manager);
  }
}

function nameClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 100) : undefined;
}
