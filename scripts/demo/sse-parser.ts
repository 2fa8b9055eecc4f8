/** One Server-Sent Events frame as received: `data` left as text (callers parse only what they need). */
export interface SseFrame {
  id?: string;
  event: string;
  data: string;
}

/**
 * Incremental text/event-stream parser: feed it chunks as they arrive, get complete frames back.
 * Comments (heartbeats) are counted; a block without data (e.g. the initial `retry:`) is skipped.
 */
export class SseParser {
  comments = 0;
  private buffer = '';

  feed(chunk: string): SseFrame[] {
    this.buffer += chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk;
    const frames: SseFrame[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const frame = parseBlock(block);
      if (frame === 'comment') this.comments++;
      else if (frame) frames.push(frame);
    }
    return frames;
  }
}

function parseBlock(block: string): SseFrame | 'comment' | null {
  const lines = block.split('\n');
  if (lines.every((l) => l.startsWith(':'))) return 'comment';
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of lines) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'id') id = value;
    else if (name === 'event') event = value;
    else if (name === 'data') data.push(value);
  }
  return data.length > 0 ? { id, event, data: data.join('\n') } : null;
}
