import { randomBytes, randomInt } from 'node:crypto';

/**
 * Unmistakable fake personal data for one run. Every text value carries `tag` (random lowercase
 * letters found nowhere else), so a leak of any of them, whole or in part, is found by the tag alone;
 * the phone and the birth date are checked in each of their written forms.
 */
export function makeCanary() {
  const tag = Array.from(randomBytes(12), (b) => String.fromCharCode(97 + (b % 26))).join('');
  const Tag = `Canari${tag[0].toUpperCase()}${tag.slice(1)}`;
  const digits = `${randomInt(7, 10)}${String(randomInt(0, 100_000)).padStart(5, '0')}`;
  const pairs = digits.match(/../g)!;
  const birthDate = `${randomInt(1935, 1966)}-${String(randomInt(1, 13)).padStart(2, '0')}-${String(randomInt(10, 29))}`;
  const [year, month, day] = birthDate.split('-');
  const firstName = Tag;
  const lastName = `N’Dë-${Tag}`;
  return {
    tag,
    firstName,
    lastName,
    email: `canari-${tag}@exemple.nc`,
    colleagueEmail: `canari.collegue.${tag}@exemple.nc`,
    password: `la phrase de passe ${Tag} est secrète`,
    phone: `+687 ${pairs.join('.')}`,
    birthDate,
    addressLine1: `${randomInt(1, 200)} rue « ${Tag} »`,
    addressLine2: `Résidence ${Tag}, bâtiment "B"`,
    /** An entreprise individuelle: its legal name is the person's name. */
    legalName: `${firstName} ${lastName} (EI)`,
    businessStreet: `${randomInt(1, 200)} route de ${Tag}`,
    fonction: `Gérante — ${Tag}`,
    projectDescription: `Atelier de menuiserie de ${firstName} ${lastName} à Païta : deux emplois, un apprenti, « ${Tag} » pour l’équipement financé à 60 % par l’aide provinciale.`,
    fileName: `attestation ${Tag} été.pdf`,
    agentMessage: `Bonjour ${firstName}, merci de préciser l’adresse de l’atelier « ${Tag} ».`,
    applicantAnswer: `L’atelier est au ${Tag}, lot n° 12 — ${firstName}.`,
    applicantMessage: `Question de ${lastName} : faut-il un devis signé ?`,
    agentNote: `Appelé ${firstName} ${lastName}, pièce reçue.`,
    /** Forms found nowhere but in leaks: E.164, display, dotted, and French date forms. */
    fixedForms: { phone: [`687${digits}`, pairs.join('.'), pairs.join(' ')], birthDate: [birthDate, `${day}/${month}/${year}`] },
  };
}

export type Canary = ReturnType<typeof makeCanary>;

export interface Finding {
  where: string;
  /** Which canary value, and in which written form. */
  value: string;
  form: string;
  excerpt: string;
}

/**
 * Looks for canary values in any text: case-insensitively, as written, JSON-escaped, \u-escaped,
 * URL-encoded and as Redis MONITOR prints bytes (\xNN).
 */
export class LeakScanner {
  private readonly needles: Array<{ value: string; form: string; text: string }> = [];

  constructor(canary: Canary) {
    const add = (value: string, form: string, text: string) => {
      if (!this.needles.some((n) => n.text === text.toLowerCase())) this.needles.push({ value, form, text: text.toLowerCase() });
    };
    add('tag', 'raw', canary.tag);
    for (const [name, raw] of Object.entries(canary)) {
      if (typeof raw !== 'string' || name === 'tag') continue;
      add(name, 'raw', raw);
      add(name, 'json', JSON.stringify(raw).slice(1, -1));
      add(name, 'json-ascii', raw.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
      add(name, 'url', encodeURIComponent(raw));
      add(name, 'redis-monitor', redisRepr(raw));
    }
    for (const [name, forms] of Object.entries(canary.fixedForms)) for (const form of forms) add(name, form, form);
  }

  scan(where: string, text: string): Finding[] {
    const lower = text.toLowerCase();
    return this.needles.flatMap(({ value, form, text: needle }) => {
      const at = lower.indexOf(needle);
      return at < 0 ? [] : [{ where, value, form, excerpt: text.slice(Math.max(0, at - 120), at + needle.length + 120) }];
    });
  }
}

/** A string as Redis MONITOR prints it: `"` and backslash escaped, bytes outside printable ASCII as \xNN. */
function redisRepr(value: string): string {
  return [...Buffer.from(value)]
    .map((b) => (b === 0x22 || b === 0x5c ? `\\${String.fromCharCode(b)}` : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`))
    .join('');
}
