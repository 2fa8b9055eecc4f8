import { Agent, ClientRequest, get, IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { SseFrame, SseParser } from './sse-parser';

/** A frame with the moment it arrived (performance.now(), ms). */
export interface TimedFrame extends SseFrame {
  receivedAt: number;
}

export class StreamRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`stream refused with HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

/**
 * An EventSource for scripts (node:http only): every frame is handed over as soon as its chunk is
 * read, stamped with its arrival time. It does not reconnect by itself.
 */
export class LiveStream {
  closed = false;
  private ended = false;
  private parser = new SseParser();

  private constructor(
    private readonly request: ClientRequest,
    private readonly response: IncomingMessage,
  ) {}

  /** Resolves once the server accepted the stream (200); rejects on a refusal or a network error. */
  static open(url: string, headers: Record<string, string>, onFrame: (frame: TimedFrame) => void, options: { agent?: Agent; onClose?: () => void } = {}): Promise<LiveStream> {
    return new Promise((resolve, reject) => {
      const request = get(url, { headers: { accept: 'text/event-stream', ...headers }, agent: options.agent }, (response) => {
        response.setEncoding('utf8');
        if (response.statusCode !== 200) {
          let body = '';
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => reject(new StreamRefusedError(response.statusCode ?? 0, body)));
          response.on('error', reject);
          return;
        }
        const stream = new LiveStream(request, response);
        response.on('data', (chunk: string) => {
          const receivedAt = performance.now();
          for (const frame of stream.parser.feed(chunk)) onFrame({ ...frame, receivedAt });
        });
        const end = () => {
          if (stream.ended) return;
          stream.ended = true;
          stream.closed = true;
          options.onClose?.();
        };
        response.on('close', end);
        response.on('error', end);
        resolve(stream);
      });
      request.on('error', reject);
    });
  }

  /** Heartbeat comments received so far. */
  get heartbeats(): number {
    return this.parser.comments;
  }

  close(): void {
    this.closed = true;
    this.response.destroy();
    this.request.destroy();
  }
}
