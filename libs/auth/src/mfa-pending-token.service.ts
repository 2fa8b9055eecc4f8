import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { JWT_ALGORITHM } from './access-token.service';

export const MFA_PENDING_TTL_SECONDS = 300;

export interface MfaPendingClaims {
  sub: string;
  typ: 'mfa_pending';
}

/**
 * The "password checked, second factor pending" token sign-in answers with. Another audience and
 * type than access tokens: the JWT strategy refuses it, so it opens no route but the second-factor ones.
 */
@Injectable()
export class MfaPendingTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  sign(accountId: string): string {
    const claims: MfaPendingClaims = { sub: accountId, typ: 'mfa_pending' };
    return this.jwt.sign(claims, { ...this.options(), expiresIn: MFA_PENDING_TTL_SECONDS });
  }

  /** The account id of a genuine, unexpired pending token; INVALID_TOKEN otherwise. */
  verify(token: string): string {
    try {
      const claims = this.jwt.verify<Partial<MfaPendingClaims>>(token, { ...this.options(), algorithms: [JWT_ALGORITHM] });
      if (claims.typ !== 'mfa_pending' || typeof claims.sub !== 'string') throw new Error('not a pending token');
      return claims.sub;
    } catch {
      throw new DomainError('INVALID_TOKEN');
    }
  }

  private options() {
    return { secret: this.config.JWT_SECRET, issuer: this.config.JWT_ISSUER, audience: `${this.config.JWT_AUDIENCE}/mfa`, algorithm: JWT_ALGORITHM };
  }
}
