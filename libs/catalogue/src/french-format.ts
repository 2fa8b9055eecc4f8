// Small text helpers for what French readers see, and a plain-object test for untrusted JSON.

/** French quotation marks with the no-break spaces French typography requires. */
export function q(text: string): string {
  return `«\u00a0${text}\u00a0»`;
}

/** `150 000`, grouped with no-break spaces so a number never wraps. */
export function groupThousands(n: number): string {
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return n < 0 ? `-${digits}` : digits;
}

/** Whole francs: XPF has no decimals. */
export function formatXpf(n: number): string {
  return `${groupThousands(n)}\u00a0F\u00a0CFP`;
}

/** Only `{…}` literals and JSON.parse output; arrays, dates, maps and class instances are not answers. */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}
