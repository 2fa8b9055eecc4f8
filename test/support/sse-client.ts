import { get, IncomingMessage } from 'node:http';
import { SseParser } from '../../scripts/demo/sse-parser';

export interface SseFrame {
  id?: string;
  event: string;
  data: Record<string, unknown>;
}

/**
 * A minimal EventSource for tests and scripts: real HTTP, frames parsed as they arrive, comments
 * (heartbeats) counted. Does not reconnect by itself: tests decide when, with Last-Event-ID.
 */
export class SseClient {
  readonly frames: SseFrame[] = [];
  status = 0;
  closed = false;
  private response?: IncomingMessage;
  private readonly parser = new SseParser();
  // The body of a refused stream (an error JSON, not events).
  private buffer = '';

  static async connect(url: string, headers: Record<string, string>): Promise<SseClient> {
    const client = new SseClient();
    await new Promise<void>((resolve, reject) => {
      const req = get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        client.status = res.statusCode ?? 0;
        client.response = res;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => client.feed(chunk));
        res.on('close', () => (client.closed = true));
        res.on('error', () => (client.closed = true));
        resolve();
      });
      req.on('error', reject);
    });
    return client;
  }

  /** Comments received: the heartbeats. */
  get comments(): number {
    return this.parser.comments;
  }

  get lastEventId(): string | undefined {
    return [...this.frames].reverse().find((f) => f.id !== undefined)?.id;
  }

  events(): SseFrame[] {
    return this.frames.filter((f) => f.id !== undefined);
  }

  async waitFor(predicate: (frames: SseFrame[]) => boolean, timeoutMs = 15_000, what = 'frames'): Promise<SseFrame[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.frames)) {
      if (Date.now() > deadline) {
        const got = this.frames.map((f) => `${f.id}:${f.event}`).join(', ');
        throw new Error(`timed out waiting for ${what}; got [${got}], ${this.comments} heartbeats, stream ${this.closed ? 'closed' : 'open'}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.frames;
  }

  /** The body of a refused stream (an error JSON). */
  async body(): Promise<unknown> {
    await new Promise((r) => (this.closed ? r(null) : this.response?.on('end', r)));
    return JSON.parse(this.buffer || '{}');
  }

  close(): void {
    this.response?.destroy();
    this.closed = true;
  }

  private feed(chunk: string): void {
    if (this.status !== 200) {
      this.buffer += chunk;
      return;
    }
    for (const frame of this.parser.feed(chunk)) this.frames.push({ ...frame, data: JSON.parse(frame.data) as Record<string, unknown> });
  }
}

/** The streams a suite opens on one portal, closed together at its end (`closeAll` in afterAll). */
export class SseStreams {
  private readonly open: SseClient[] = [];

  constructor(private readonly baseUrl: () => string) {}

  async connect(path: string, headers: Record<string, string>): Promise<SseClient> {
    const client = await SseClient.connect(`${this.baseUrl()}${path}`, headers);
    this.open.push(client);
    return client;
  }

  closeAll(): void {
    this.open.forEach((s) => s.close());
  }
}
