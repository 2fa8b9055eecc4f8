import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('returns frames once complete, across chunk boundaries, and counts heartbeats', () => {
    const parser = new SseParser();
    expect(parser.feed('retry: 2000\n\nid: 41\nevent: submitted\nda')).toEqual([]);
    expect(parser.feed('ta: {"a":1}\n\n: ping\n\nid: 42\nevent: routed\ndata: {"b":2}\n\n')).toEqual([
      { id: '41', event: 'submitted', data: '{"a":1}' },
      { id: '42', event: 'routed', data: '{"b":2}' },
    ]);
    expect(parser.comments).toBe(1);
  });

  it('joins multi-line data, defaults the event to message, and accepts CRLF', () => {
    const parser = new SseParser();
    expect(parser.feed('data: first\r\ndata: second\r\n\r\nevent: notification\ndata:{"x":true}\n\n')).toEqual([
      { id: undefined, event: 'message', data: 'first\nsecond' },
      { id: undefined, event: 'notification', data: '{"x":true}' },
    ]);
  });
});
