import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account } from '@portal/accounts';
import { AuditService, RequestOrigin } from '@portal/audit';
import { DomainError, hashSecretToken, newSecretToken } from '@portal/common';
import { AppConfig } from '@portal/config';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AccessTokenService } from './access-token.service';
import { RefreshToken } from './refresh-token.entity';
import { Session } from './session.entity';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Access token lifetime in seconds. */
  expiresIn: number;
  refreshExpiresAt: Date;
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accessTokens: AccessTokenService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async open(manager: EntityManager, account: Account, origin: RequestOrigin, options: { mfaVerified?: boolean } = {}): Promise<TokenPair> {
    const session = manager.create(Session, {
      accountId: account.id,
      mfaVerifiedAt: options.mfaVerified ? new Date() : null,
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
      ip: origin.ip ?? null,
      userAgent: origin.userAgent?.slice(0, 512) ?? null,
    });
    await manager.insert(Session, session);
    return this.issue(manager, account, session);
  }

  /**
   * Spends a refresh token for a new pair. A token spent twice means it was stolen (or replayed):
   * the whole session is revoked, so neither the thief nor the owner can go on with it.
   */
  async rotate(refreshToken: string, origin: RequestOrigin): Promise<TokenPair> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const spent = await manager
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ usedAt: () => 'now()' })
        .where({ tokenHash: hashSecretToken(refreshToken), usedAt: IsNull() })
        .returning(['sessionId'])
        .execute();
      const sessionId = (spent.raw as Array<{ session_id: string }>)[0]?.session_id;
      if (!sessionId) return { reused: await manager.findOneBy(RefreshToken, { tokenHash: hashSecretToken(refreshToken) }) };

      const session = await manager.findOne(Session, { where: { id: sessionId }, relations: { account: true } });
      if (!session || session.revokedAt || session.expiresAt <= new Date() || session.account?.status !== 'active') {
        throw new DomainError('SESSION_REVOKED');
      }
      return { pair: await this.issue(manager, session.account, session) };
    });
    if ('pair' in outcome && outcome.pair) return outcome.pair;

    const reused = outcome.reused;
    if (!reused) throw new DomainError('INVALID_TOKEN');
    const session = await this.revoke(reused.sessionId, 'refresh_token_reuse');
    await this.audit.record({
      action: 'auth.refresh_reuse_detected',
      actorId: session?.accountId ?? null,
      target: { type: 'session', id: reused.sessionId },
      origin,
    });
    throw new DomainError('SESSION_REVOKED');
  }

  async revoke(sessionId: string, reason: string, manager: EntityManager = this.dataSource.manager): Promise<Session | null> {
    await manager.update(Session, { id: sessionId, revokedAt: IsNull() }, { revokedAt: () => 'now()', revokedReason: reason });
    return manager.findOneBy(Session, { id: sessionId });
  }

  async revokeAll(accountId: string, reason: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(Session, { accountId, revokedAt: IsNull() }, { revokedAt: () => 'now()', revokedReason: reason });
  }

  async markMfaVerified(sessionId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(Session, { id: sessionId }, { mfaVerifiedAt: () => 'now()' });
  }

  /** The live session behind an access token, with its account; null when revoked, expired or disabled. */
  async findLive(sessionId: string, accountId: string): Promise<Session | null> {
    const session = await this.dataSource.manager.findOne(Session, {
      where: { id: sessionId, accountId, revokedAt: IsNull() },
      relations: { account: true },
    });
    if (!session || session.expiresAt <= new Date() || session.account?.status !== 'active') return null;
    return session;
  }

  private async issue(manager: EntityManager, account: Account, session: Session): Promise<TokenPair> {
    const { token, hash } = newSecretToken();
    await manager.insert(RefreshToken, { sessionId: session.id, tokenHash: hash });
    return {
      accessToken: this.accessTokens.sign(account, session.id),
      refreshToken: token,
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      refreshExpiresAt: session.expiresAt,
    };
  }
}
