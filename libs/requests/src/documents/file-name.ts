import type { DocumentKind } from './magic-bytes';

// The name a client gives a file is display text only: it never reaches a path (files are stored
// under generated keys). It is cleaned so it is safe to show and to put in Content-Disposition.
//
// The rule:
//  1. keep what follows the last `/` or `\` (no path, whichever system it came from);
//  2. drop control and format characters (NUL, line breaks, bidirectional overrides, zero widths);
//  3. keep letters (any script, accents included), digits, space and `. - _ ( )` (other spaces and
//     dashes become ` ` and `-`); anything else becomes `_`; runs of spaces, `_` or `.` collapse
//     to one; no leading or trailing space, dot, `_` or `-`;
//  4. the extension follows the detected kind, never the other way round: a matching extension is
//     kept (lower-cased), a wrong one is dropped (`x.pdf.exe` detected as PDF → `x.pdf`,
//     `scan.png` detected as PDF → `scan.pdf`), and the right one is added when missing. A last
//     "extension" of digits only is part of the name (`relevé.03.2024` → `relevé.03.2024.pdf`);
//  5. at most 120 characters, extension included; `document` when nothing is left.

export const MAX_FILE_NAME_LENGTH = 120;
const FALLBACK = 'document';

const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const NOT_ALLOWED = /[^\p{L}\p{M}\p{Nd} ._()-]/gu;
const EDGES = /^[\s._-]+|[\s._-]+$/gu;

function clean(name: string): string {
  return name
    .replace(CONTROL_OR_FORMAT, '')
    .replace(/\p{Zs}/gu, ' ')
    .replace(/\p{Pd}/gu, '-')
    .replace(NOT_ALLOWED, '_')
    .replace(/\s+/gu, ' ')
    .replace(/_+/g, '_')
    .replace(/[ _]*\.[ _]*/g, '.')
    .replace(/\.+/g, '.')
    .replace(EDGES, '');
}

/** Splits `stem.ext` when the last dot introduces something that looks like an extension. */
function splitExtension(name: string): { stem: string; extension: string | null } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return { stem: name, extension: null };
  const extension = name.slice(dot + 1);
  if (!/^[\p{L}\p{Nd}]{1,8}$/u.test(extension) || /^\p{Nd}+$/u.test(extension)) return { stem: name, extension: null };
  return { stem: name.slice(0, dot), extension };
}

/** Truncates by code points, so a surrogate pair is never cut in half. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

export function sanitiseFileName(original: string | null | undefined, kind: DocumentKind): string {
  const base = (original ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const split = splitExtension(clean(base));
  let { stem } = split;
  let extension = split.extension?.toLowerCase() ?? null;
  if (extension === null || !kind.aliases.includes(extension)) {
    // A wrong extension is dropped; the name may then already end with the right one (`x.pdf.exe`).
    const inner = splitExtension(stem);
    const innerExtension = inner.extension?.toLowerCase() ?? null;
    if (extension !== null && innerExtension !== null && kind.aliases.includes(innerExtension)) {
      stem = inner.stem;
      extension = innerExtension;
    } else {
      extension = kind.extension;
    }
  }
  const suffix = `.${extension}`;
  stem = truncate(stem, MAX_FILE_NAME_LENGTH - suffix.length).replace(EDGES, '');
  return `${stem || FALLBACK}${suffix}`;
}

// RFC 5987 / 8187: encodeURIComponent leaves a few characters that are not `attr-char`.
const encodeRfc8187 = (value: string): string =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An ASCII-only stand-in for old clients: accents removed, anything else non-ASCII as `_`. */
export function asciiFileName(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return ascii.replace(/_+/g, '_');
}

/** `attachment` with both the ASCII `filename` and the exact UTF-8 `filename*`. */
export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}
