import { performance } from 'node:perf_hooks';
import { ActionLog, DemoAction } from './action-log';
import { EventData, formatEventLine, formatNotificationLine, NotificationData } from './format';
import { LiveStream, TimedFrame } from './live-stream';

interface LiveEntry {
  kind: 'event' | 'notification';
  receivedAt: number;
  delayMs: number;
  event?: EventData;
  notification?: NotificationData;
}

/**
 * The resident's `/api/me/events`, printed as it arrives. Frames received before `goLive()` are the
 * replay of earlier runs' history (no Last-Event-ID means "everything I may read"): counted, not shown.
 */
export class LiveFeed {
  readonly entries: LiveEntry[] = [];
  history = 0;
  private live = false;
  private lastFrameAt = performance.now();
  private stream?: LiveStream;
  private waiters = new Set<() => void>();

  constructor(
    private readonly log: ActionLog,
    private readonly print: (line: string) => void,
  ) {}

  async open(url: string, token: string): Promise<void> {
    this.stream = await LiveStream.open(url, { authorization: `Bearer ${token}` }, (frame) => this.onFrame(frame), {
      onClose: () => [...this.waiters].forEach((check) => check()),
    });
  }

  get closed(): boolean {
    return this.stream?.closed ?? true;
  }

  /** Waits for the replay to go quiet, then treats every further frame as live. */
  async goLive(quietMs = 500, maxMs = 15_000): Promise<number> {
    await this.settle(quietMs, maxMs);
    this.live = true;
    return this.history;
  }

  /** Returns once no frame has arrived for `quietMs` (at most `maxMs`). */
  async settle(quietMs = 400, maxMs = 3_000): Promise<void> {
    const started = performance.now();
    while (performance.now() - this.lastFrameAt < quietMs && performance.now() - started < maxMs) await sleep(25);
  }

  /** The first live event matching, received after `since` started (it may already be there). */
  waitForEvent(since: DemoAction, match: (event: EventData) => boolean, what: string, timeoutMs: number): Promise<EventData> {
    return this.waitFor(() => this.entries.find((e) => e.receivedAt >= since.startedAt && e.event && match(e.event))?.event, what, timeoutMs);
  }

  /** The notification of an event, if it comes within the timeout. */
  async notificationOf(eventId: string, timeoutMs: number): Promise<NotificationData | undefined> {
    return this.waitFor(() => this.entries.find((e) => e.notification?.eventId === eventId)?.notification, '', timeoutMs).catch(() => undefined);
  }

  close(): void {
    this.stream?.close();
  }

  private waitFor<T>(find: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = find();
        if (value !== undefined) done(() => resolve(value));
        else if (this.closed) done(() => reject(new Error(`le flux /api/me/events s'est fermé avant : ${what}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`rien reçu sur /api/me/events en ${timeoutMs} ms : ${what}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
    });
  }

  private onFrame(frame: TimedFrame): void {
    this.lastFrameAt = frame.receivedAt;
    if (!this.live) {
      if (frame.id !== undefined) this.history++;
      return;
    }
    const data = JSON.parse(frame.data) as Record<string, unknown>;
    if (frame.event === 'notification') {
      const notification = data as unknown as NotificationData;
      const action = this.log.attribute({ event: 'notification', eventId: notification.eventId ?? undefined, requestId: notification.requestId ?? undefined });
      const delayMs = action ? frame.receivedAt - action.startedAt : 0;
      this.entries.push({ kind: 'notification', receivedAt: frame.receivedAt, delayMs, notification });
      this.print(formatNotificationLine(delayMs, notification));
    } else {
      const event = data as unknown as EventData;
      const action = this.log.attribute({ id: frame.id, event: frame.event, requestId: event.requestId });
      const delayMs = action ? frame.receivedAt - action.startedAt : 0;
      this.entries.push({ kind: 'event', receivedAt: frame.receivedAt, delayMs, event });
      this.print(formatEventLine(delayMs, event));
    }
    for (const check of [...this.waiters]) check();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
