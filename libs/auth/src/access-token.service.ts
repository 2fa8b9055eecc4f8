import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Account } from '@portal/accounts';
import { AppConfig } from '@portal/config';

export const JWT_ALGORITHM = 'HS256' as const;

/** Claims of an access token. `sid` ties it to a session that logout can revoke. */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  typ: 'access';
}

@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  sign(account: Pick<Account, 'id'>, sessionId: string): string {
    const claims: AccessTokenClaims = { sub: account.id, sid: sessionId, typ: 'access' };
    return this.jwt.sign(claims, {
      algorithm: JWT_ALGORITHM,
      secret: this.config.JWT_SECRET,
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
    });
  }
}
