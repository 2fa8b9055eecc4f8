import { createParser, type EventSourceParser } from 'eventsource-parser';

/** One Server-Sent Events frame as received: `data` left as text (callers parse only what they need). */
export interface SseFrame {
  id?: string;
  event: string;
  data: string;
}

/**
 * The one text/event-stream parser of the demo and the tests, on `eventsource-parser` (the spec's
 * rules: CRLF, optional space after the colon, multi-line data): feed it chunks as they arrive, get
 * complete frames back. Comments (heartbeats) are counted; a block without data (the initial
 * `retry:`) yields no frame.
 */
export class SseParser {
  comments = 0;
  private readonly parser: EventSourceParser;
  private pending: SseFrame[] = [];

  constructor() {
    this.parser = createParser({
      onEvent: (message) => this.pending.push({ id: message.id, event: message.event ?? 'message', data: message.data }),
      onComment: () => this.comments++,
    });
  }

  feed(chunk: string): SseFrame[] {
    this.parser.feed(chunk);
    const frames = this.pending;
    this.pending = [];
    return frames;
  }
}
