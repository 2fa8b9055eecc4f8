import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@portal/accounts';
import { AuditService, RequestOrigin } from '@portal/audit';
import { DomainError } from '@portal/common';
import { DataSource, IsNull, MoreThan, Not } from 'typeorm';
import { describeDevice } from './device-label';
import { RefreshToken } from './refresh-token.entity';
import { Session } from './session.entity';
import { SessionsService } from './sessions.service';

export interface SessionView {
  id: string;
  device: string;
  signedInAt: Date;
  /** Last sign-in or token refresh, to the minute. */
  lastActiveAt: Date;
  secondFactor: boolean;
  current: boolean;
}

const toMinute = (date: Date): Date => new Date(Math.floor(date.getTime() / 60_000) * 60_000);

/** The signed-in person's own sessions: see them, end one, end all the others. */
/** One of my sessions that does not exist, is not mine, or is closed already. */
export const sessionNotFound = (): DomainError => new DomainError('NOT_FOUND', "Cette session n'existe pas ou est déjà fermée.");

@Injectable()
export class MySessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor): Promise<SessionView[]> {
    const live = await this.dataSource.manager.find(Session, {
      where: { accountId: actor.accountId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC' },
    });
    if (live.length === 0) return [];
    const activity = await this.dataSource.manager
      .createQueryBuilder(RefreshToken, 'r')
      .select('r.session_id', 'sessionId')
      .addSelect('max(r.created_at)', 'lastActiveAt')
      .where('r.session_id IN (:...ids)', { ids: live.map((s) => s.id) })
      .groupBy('r.session_id')
      .getRawMany<{ sessionId: string; lastActiveAt: Date }>();
    const lastActive = new Map(activity.map((a) => [a.sessionId, new Date(a.lastActiveAt)]));
    return live.map((session) => ({
      id: session.id,
      device: describeDevice(session.userAgent),
      signedInAt: toMinute(session.createdAt),
      lastActiveAt: toMinute(lastActive.get(session.id) ?? session.createdAt),
      secondFactor: session.mfaVerifiedAt !== null,
      current: session.id === actor.sessionId,
    }));
  }

  /** Ends one of one's own sessions (the current one too: that is a logout). */
  async revoke(actor: Actor, sessionId: string, origin: RequestOrigin): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(Session, { id: sessionId, accountId: actor.accountId, revokedAt: IsNull() });
      if (!found) throw sessionNotFound();
      await this.sessions.revoke(sessionId, 'revoked_by_owner', manager);
      await this.audit.record({ action: 'auth.session_revoked', actorId: actor.accountId, target: { type: 'session', id: sessionId }, origin }, manager);
    });
  }

  /** Ends every session of the account but this one; returns how many. */
  async revokeOthers(actor: Actor, origin: RequestOrigin): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.update(
        Session,
        { accountId: actor.accountId, id: Not(actor.sessionId), revokedAt: IsNull() },
        { revokedAt: () => 'now()', revokedReason: 'others_revoked_by_owner' },
      );
      const count = result.affected ?? 0;
      await this.audit.record({ action: 'auth.other_sessions_revoked', actorId: actor.accountId, target: { type: 'account', id: actor.accountId }, origin, details: { count } }, manager);
      return count;
    });
  }
}
