/** Lower case, accents removed: "Aide à l'Économie" and "aide a l economie" compare equal. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The items whose text holds every word of the query, in any order, accents and case ignored. */
export function search<T>(items: readonly T[], query: string, textOf: (item: T) => string): T[] {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const text = ` ${fold(textOf(item))} `;
    return words.every((word) => text.includes(word));
  });
}
