import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Actor } from '@portal/accounts';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessTokenClaims, JWT_ALGORITHM } from './access-token.service';
import { SessionsService } from './sessions.service';

export const ACCESS_COOKIE = 'portal_access';
export const REFRESH_COOKIE = 'portal_refresh';

const fromCookie = (request: { cookies?: Record<string, string | undefined> }): string | null =>
  request.cookies?.[ACCESS_COOKIE] ?? null;

/** Bearer header or httpOnly cookie; HS256 only; issuer, audience, expiry and the session all checked. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly sessions: SessionsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), fromCookie]),
      secretOrKey: config.JWT_SECRET,
      algorithms: [JWT_ALGORITHM],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: Partial<AccessTokenClaims>): Promise<Actor> {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string') {
      throw new DomainError('INVALID_TOKEN');
    }
    const session = await this.sessions.findLive(claims.sid, claims.sub);
    if (!session?.account) throw new DomainError('SESSION_REVOKED');
    const { account } = session;
    return { accountId: account.id, sessionId: session.id, role: account.role, directorateCode: account.directorateCode, mfa: session.mfaVerifiedAt !== null };
  }
}
