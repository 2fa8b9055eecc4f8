import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { liveMandateSql } from '@portal/businesses';
import { DomainError } from '@portal/common';
import { AppConfig } from '@portal/config';
import { LIVE_EVENT_COLUMNS, LiveEvent, LiveMandate, StreamScope, streamReceives } from '@portal/live';
import { Notification } from '@portal/notifications';
import { REALTIME_BUS, RealtimeBus, RealtimeMessage } from '@portal/realtime';
import { applicantSideSql, TimelineEventDto } from '@portal/requests';
import { DataSource, In } from 'typeorm';
import { SentIds } from './sent-ids';

const REPLAY_PAGE = 500;
// A client that lets this much pile up is cut off; it reconnects and replays from PostgreSQL.
const MAX_BUFFERED_BYTES = 1024 * 1024;
// How many of its latest event ids a stream remembers having sent (a late commit is milliseconds late).
const SENT_WINDOW = 256;

type Outgoing = { eventId?: bigint; frame: string };

interface Connection {
  scope: StreamScope;
  sessionId: string;
  res: ServerResponse;
  /** Frames that arrived while the replay ran; null once live. */
  pending: Outgoing[] | null;
  sent: SentIds;
}

/**
 * Server-Sent Events for this API instance. PostgreSQL is the record; the realtime bus only says
 * "new ids". On connect: listen first, replay everything after Last-Event-ID from PostgreSQL, then
 * flush what arrived meanwhile minus what the replay sent — so no event falls in between.
 */
@Injectable()
export class StreamHub implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(StreamHub.name);
  private readonly connections = new Set<Connection>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REALTIME_BUS) private readonly bus: RealtimeBus,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe((messages) => void this.dispatch(messages).catch((error: Error) => this.logger.warn(`dispatch failed: ${error.message}`)));
    this.heartbeat = setInterval(() => void this.beat(), this.config.SSE_HEARTBEAT_MS);
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    for (const connection of this.connections) connection.res.end();
    this.connections.clear();
  }

  get size(): number {
    return this.connections.size;
  }

  /** Refuses a stream beyond the per-account cap (429) — call before taking over the response. */
  assertCapacity(accountId: string): void {
    let open = 0;
    for (const c of this.connections) if (c.scope.accountId === accountId) open++;
    if (open >= this.config.SSE_MAX_STREAMS_PER_ACCOUNT) {
      throw new DomainError('TOO_MANY_REQUESTS', `Au plus ${this.config.SSE_MAX_STREAMS_PER_ACCOUNT} flux en direct par compte : fermez un onglet.`, undefined, { 'retry-after': '5' });
    }
  }

  /** Streams to an already-accepted response until the client leaves. */
  async open(res: ServerResponse, scope: StreamScope, sessionId: string, lastEventId: string | undefined): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const after = parseEventId(lastEventId);
    const connection: Connection = { scope, sessionId, res, pending: [], sent: new SentIds(after, SENT_WINDOW) };
    this.connections.add(connection);
    res.on('close', () => this.connections.delete(connection));

    // Listening already (registered above): replay, then flush what arrived meanwhile.
    try {
      for (let cursor = after; ; ) {
        const page = await this.replayPage(scope, cursor);
        for (const event of page) this.write(connection, toFrame(event, scope));
        if (page.length < REPLAY_PAGE) break;
        cursor = BigInt(page[page.length - 1].id);
      }
    } catch (error) {
      this.logger.warn(`replay failed: ${(error as Error).message}`);
      res.end();
      return;
    }
    const pending = connection.pending ?? [];
    connection.pending = null;
    for (const item of pending) this.write(connection, item);
  }

  private async dispatch(messages: RealtimeMessage[]): Promise<void> {
    if (this.connections.size === 0) return;
    const eventIds = messages.filter((m) => m.kind === 'event').map((m) => m.id);
    const notificationIds = messages.filter((m) => m.kind === 'notification').map((m) => m.id);
    if (eventIds.length > 0) {
      const events = (await this.dataSource.query(
        `SELECT ${LIVE_EVENT_COLUMNS} FROM request_events e JOIN requests r ON r.id = e.request_id WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`,
        [eventIds],
      )) as LiveEvent[];
      const mandates = new Map<string, LiveMandate[]>();
      for (const m of await this.mandatesFor(events)) mandates.set(m.accountId, [...(mandates.get(m.accountId) ?? []), m]);
      for (const event of events) {
        // One frame per event and audience (agents see a little more), not one per connection.
        const frames: Partial<Record<'applicant' | 'agent', Outgoing>> = {};
        for (const connection of this.connections) {
          if (!streamReceives(connection.scope, event, mandates.get(connection.scope.accountId) ?? [])) continue;
          const audience = connection.scope.kind === 'agent' ? 'agent' : 'applicant';
          this.deliver(connection, (frames[audience] ??= toFrame(event, connection.scope)));
        }
      }
    }
    if (notificationIds.length > 0) {
      const notifications = await this.dataSource.manager.find(Notification, { where: { id: In(notificationIds) } });
      for (const n of notifications) {
        for (const connection of this.connections) {
          if (connection.scope.kind === 'me' && connection.scope.accountId === n.accountId) this.deliver(connection, notificationFrame(n));
        }
      }
    }
  }

  private deliver(connection: Connection, item: Outgoing): void {
    if (connection.pending) connection.pending.push(item);
    else this.write(connection, item);
  }

  private write(connection: Connection, item: Outgoing): void {
    if (item.eventId !== undefined && !connection.sent.claim(item.eventId)) return; // sent already (by the replay)
    // Never wait for a slow client: its bytes queue in its own socket; past the limit it is cut off.
    connection.res.write(item.frame);
    if (connection.res.writableLength > MAX_BUFFERED_BYTES) {
      this.logger.warn('slow stream client cut off');
      connection.res.destroy();
    }
  }

  private replayPage(scope: StreamScope, after: bigint): Promise<LiveEvent[]> {
    const where: string[] = ['e.id > $1'];
    const params: unknown[] = [after.toString()];
    switch (scope.kind) {
      case 'me':
        params.push(scope.accountId);
        where.push(`e.visibility = 'applicant'`, applicantSideSql('$2::uuid'));
        break;
      case 'request':
        params.push(scope.accountId, scope.requestId);
        where.push(`e.visibility = 'applicant'`, applicantSideSql('$2::uuid'), 'r.id = $3');
        break;
      case 'agent':
        where.push('r.submitted_at IS NOT NULL');
        if (scope.directorateCode) {
          params.push(scope.directorateCode);
          where.push('r.directorate_code = $2');
        }
        break;
    }
    return this.dataSource.query(
      `SELECT ${LIVE_EVENT_COLUMNS} FROM request_events e JOIN requests r ON r.id = e.request_id WHERE ${where.join(' AND ')} ORDER BY e.id LIMIT ${REPLAY_PAGE}`,
      params,
    ) as Promise<LiveEvent[]>;
  }

  /** Live mandates of the businesses these events belong to: read now, so a revocation applies at once. */
  private async mandatesFor(events: LiveEvent[]): Promise<LiveMandate[]> {
    const businessIds = [...new Set(events.map((e) => e.businessId).filter((id): id is string => id !== null))];
    if (businessIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT account_id AS "accountId", business_id AS "businessId", scope_directorates AS "scopeDirectorates", scope_services AS "scopeServices"
         FROM business_memberships m
        WHERE m.business_id = ANY($1::uuid[]) AND ${liveMandateSql('m')}`,
      [businessIds],
    ) as Promise<LiveMandate[]>;
  }

  /** Heartbeat comment, and the end of streams whose session was closed (logout, password reset). */
  private async beat(): Promise<void> {
    // Only the streams checked here: one opened while the query runs has not been (its session is live).
    const checked = [...this.connections];
    if (checked.length === 0) return;
    for (const c of checked) c.res.write(': ping\n\n');
    const sessionIds = [...new Set(checked.map((c) => c.sessionId))];
    const live = (await this.dataSource
      .query(`SELECT id FROM sessions WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL AND expires_at > now()`, [sessionIds])
      .catch(() => sessionIds.map((id) => ({ id })))) as Array<{ id: string }>;
    const alive = new Set(live.map((r) => r.id));
    for (const c of checked) if (!alive.has(c.sessionId)) c.res.end();
  }
}

function parseEventId(value: string | undefined): bigint {
  return value && /^\d{1,18}$/.test(value) ? BigInt(value) : 0n;
}

function toFrame(event: LiveEvent, scope: StreamScope): Outgoing {
  const dto = TimelineEventDto.from(event);
  const data = { ...dto, requestId: event.requestId, reference: event.reference, ...(scope.kind === 'agent' ? { visibility: event.visibility, directorateCode: event.directorateCode } : {}) };
  return { eventId: BigInt(event.id), frame: `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(data)}\n\n` };
}

function notificationFrame(n: Notification): Outgoing {
  const data = { id: n.id, requestId: n.requestId, eventId: n.eventId, title: n.title, body: n.body, at: n.createdAt.toISOString() };
  return { frame: `event: notification\ndata: ${JSON.stringify(data)}\n\n` };
}
