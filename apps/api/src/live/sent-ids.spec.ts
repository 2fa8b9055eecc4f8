import { SentIds } from './sent-ids';

describe('SentIds', () => {
  it('sends each id once, in whatever order the ids commit', () => {
    const sent = new SentIds(0n, 10);
    expect([5n, 7n, 6n, 7n, 5n, 8n].map((id) => sent.claim(id))).toEqual([true, true, true, false, false, true]);
  });

  it('counts everything up to Last-Event-ID as sent', () => {
    const sent = new SentIds(42n, 10);
    expect([41n, 42n, 43n].map((id) => sent.claim(id))).toEqual([false, false, true]);
  });

  it('forgets beyond its window, treating what it forgot (and below) as sent', () => {
    const sent = new SentIds(0n, 3);
    for (const id of [10n, 11n, 12n, 13n]) expect(sent.claim(id)).toBe(true); // 10 leaves the window
    expect(sent.claim(10n)).toBe(false);
    expect(sent.claim(9n)).toBe(false);
    expect(sent.claim(13n)).toBe(false);
    expect(sent.claim(14n)).toBe(true);
  });
});
