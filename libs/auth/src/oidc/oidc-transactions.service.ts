import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { JWT_ALGORITHM } from '../access-token.service';

/** The browser cookie that carries a sign-in at a provider from its start to its callback. */
export const OIDC_TRANSACTION_COOKIE = 'portal_oidc';
export const OIDC_TRANSACTION_TTL_SECONDS = 600;

export interface OidcTransaction {
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Linking to a signed-in account (its session): the callback links instead of signing in. */
  link?: { accountId: string; sessionId: string };
}

interface TransactionClaims extends OidcTransaction {
  typ: 'oidc_transaction';
}

/**
 * `state`, `nonce` and the PKCE verifier of one sign-in, signed (HS256, an audience of its own) into
 * an httpOnly cookie of the browser that started it: the callback is accepted only in that browser
 * (no login CSRF), only for that provider, and within ten minutes.
 */
@Injectable()
export class OidcTransactions {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  seal(transaction: OidcTransaction): string {
    const claims: TransactionClaims = { ...transaction, typ: 'oidc_transaction' };
    return this.jwt.sign(claims, { ...this.options(), expiresIn: OIDC_TRANSACTION_TTL_SECONDS });
  }

  /** The transaction of a genuine, unexpired cookie for this provider; OIDC_SIGN_IN_EXPIRED otherwise. */
  open(cookie: string | undefined, provider: string): OidcTransaction {
    if (!cookie) throw new DomainError('OIDC_SIGN_IN_EXPIRED');
    let claims: Partial<TransactionClaims>;
    try {
      claims = this.jwt.verify<Partial<TransactionClaims>>(cookie, { ...this.options(), algorithms: [JWT_ALGORITHM] });
    } catch {
      throw new DomainError('OIDC_SIGN_IN_EXPIRED');
    }
    if (claims.typ !== 'oidc_transaction' || !claims.state || !claims.nonce || !claims.codeVerifier) throw new DomainError('OIDC_SIGN_IN_EXPIRED');
    if (claims.provider !== provider) throw new DomainError('OIDC_STATE_MISMATCH');
    return { provider, state: claims.state, nonce: claims.nonce, codeVerifier: claims.codeVerifier, link: claims.link };
  }

  private options() {
    return { secret: this.config.JWT_SECRET, issuer: this.config.JWT_ISSUER, audience: `${this.config.JWT_AUDIENCE}/oidc`, algorithm: JWT_ALGORITHM };
  }
}
