/**
 * The event ids a stream has sent. Not a high-water mark: ids are taken at insert but published at
 * commit, so a transaction holding id 100 may commit after the one holding 101, and 100 must still
 * go out. Ids up to `floor` count as sent: those before Last-Event-ID, and those that left the window.
 */
export class SentIds {
  private readonly recent = new Set<bigint>();

  constructor(
    private floor: bigint,
    private readonly window: number,
  ) {}

  /** Records an id; false when it was sent already. */
  claim(id: bigint): boolean {
    if (id <= this.floor || this.recent.has(id)) return false;
    this.recent.add(id);
    if (this.recent.size > this.window) {
      const [oldest] = this.recent;
      this.recent.delete(oldest);
      if (oldest > this.floor) this.floor = oldest;
    }
    return true;
  }
}
