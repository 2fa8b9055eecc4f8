import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { concatTransformationMatrix, drawObject, PDFDocument, PDFFont, PDFName, PDFPage, PDFRawStream, popGraphicsState, pushGraphicsState, rgb, RGB } from 'pdf-lib';
import { create as createQr } from 'qrcode';

/** Everything a letter shows, already in French: the renderer only lays it out. */
export interface LetterContent {
  /** `RÉCÉPISSÉ DE DÉPÔT`, `NOTIFICATION DE DÉCISION`. */
  title: string;
  /** The issuing directorate, e.g. `Direction de l’Emploi et du Logement (DEL)`. */
  directorate: string;
  /** `Nouméa, le 3 décembre 2026`. */
  placeAndDate: string;
  /** The addressee block: a person, or a business with its RIDET and the mandated person. */
  addressee: string[];
  /** Label/value rows: reference, service, dates, decision, amount. */
  facts: Array<[string, string]>;
  /** Body paragraphs; a paragraph starting with `§ ` is a small heading. */
  paragraphs: string[];
  seal: { url: string; code: string; keyId: string; verifyAt: string };
  /** PDF metadata: fixed, so the same letter is the same bytes. */
  metadata: { title: string; subject: string; date: Date };
}

// The province's own identity (no State emblem): a deep ocean blue and a lagoon turquoise.
const OCEAN: RGB = rgb(0x0b / 255, 0x3c / 255, 0x5d / 255);
const LAGOON: RGB = rgb(0x2a / 255, 0xa7 / 255, 0xb8 / 255);
const INK: RGB = rgb(0.13, 0.13, 0.15);
const MUTED: RGB = rgb(0.36, 0.38, 0.42);
const RULE: RGB = rgb(0.82, 0.86, 0.9);

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const LABEL_WIDTH = 150;
const SEAL_SIZE = 104;
const SEAL_BOTTOM = 74;
const SEAL_TOP = SEAL_BOTTOM + SEAL_SIZE + 16;

// DejaVu (Bitstream Vera licence: free to embed and redistribute), from npm so CI has it too.
const fontBytes = (name: string): Buffer => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
let fonts: { regular: Buffer; bold: Buffer } | undefined;

// Rendering cost is mostly parsing the fonts and compressing: the parsed fonts are kept for the
// process (fontkit caches glyphs in them), and streams are compressed by Node's zlib, not in JS.
const parsedFonts = new Map<Uint8Array, ReturnType<typeof fontkit.create>>();
const cachingFontkit: typeof fontkit = {
  ...fontkit,
  create: (data: Uint8Array, postscriptName?: string) => {
    let font = parsedFonts.get(data);
    if (!font) {
      font = fontkit.create(data, postscriptName);
      parsedFonts.set(data, font);
    }
    return font;
  },
};

/** The letter as PDF bytes: deterministic for the same content (fixed dates, seeded font names). */
export async function renderLetter(content: LetterContent): Promise<Buffer> {
  fonts ??= { regular: fontBytes('DejaVuSans.ttf'), bold: fontBytes('DejaVuSans-Bold.ttf') };
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(cachingFontkit);
  const context = pdf.context;
  context.flateStream = (contents, dict = {}) =>
    context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), { ...dict, Filter: 'FlateDecode' }) as PDFRawStream;
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  const page = pdf.addPage([A4.width, A4.height]);
  const pen = new Pen(page, regular, bold);

  letterhead(pen, content.directorate);
  let y = A4.height - 128;
  y = pen.lines(content.placeAndDate, A4.width - MARGIN - regular.widthOfTextAtSize(content.placeAndDate, 10), y, { size: 10, color: MUTED });
  y = addressee(pen, content.addressee, y - 8);

  y -= 22;
  pen.text(content.title, MARGIN, y, { size: 17, font: bold, color: OCEAN });
  page.drawRectangle({ x: MARGIN, y: y - 8, width: 64, height: 3, color: LAGOON });
  y -= 30;

  for (const [label, value] of content.facts) {
    const below = pen.lines(label, MARGIN, y, { size: 9.5, color: MUTED, width: LABEL_WIDTH - 10 });
    y = Math.min(below + 2, pen.lines(value, MARGIN + LABEL_WIDTH, y, { size: 10, font: bold, width: A4.width - 2 * MARGIN - LABEL_WIDTH })) - 4;
  }
  page.drawLine({ start: { x: MARGIN, y: y + 2 }, end: { x: A4.width - MARGIN, y: y + 2 }, thickness: 0.7, color: RULE });
  y -= 16;

  const body = { size: 10, width: A4.width - 2 * MARGIN, leading: 14.5 };
  content.paragraphs.forEach((paragraph, i) => {
    const heading = paragraph.startsWith('§ ');
    // A heading keeps its paragraph with it; whatever does not fit above the seal goes on a next page.
    const needed = heading ? 3 * body.leading : pen.wrap(paragraph, body.size, regular, body.width).length * body.leading;
    const next = content.paragraphs[i + 1];
    const withNext = heading && next ? pen.wrap(next, body.size, regular, body.width).length * body.leading : 0;
    if (y - needed - withNext < SEAL_TOP + 12) {
      footer(pen);
      pen.page = pdf.addPage([A4.width, A4.height]);
      pen.text(`${content.title} — ${content.metadata.title.split(' — ').pop()} (suite)`, MARGIN, A4.height - MARGIN, { size: 9, color: MUTED });
      y = A4.height - MARGIN - 28;
    }
    if (heading) y = pen.lines(paragraph.slice(2), MARGIN, y - 4, { size: 10, font: bold, color: OCEAN }) - 2;
    else y = pen.lines(paragraph, MARGIN, y, body) - 7;
  });

  sealBlock(pen, qrImage(pdf, pen.page, content.seal.url), content.seal);
  footer(pen);

  pdf.setTitle(content.metadata.title);
  pdf.setSubject(content.metadata.subject);
  pdf.setAuthor('Province Sud');
  pdf.setCreator('Portail de la province Sud');
  pdf.setProducer('Portail de la province Sud');
  pdf.setLanguage('fr-NC');
  pdf.setKeywords([`sceau:${content.seal.code}`]);
  pdf.setCreationDate(content.metadata.date);
  pdf.setModificationDate(content.metadata.date);
  return Buffer.from(await pdf.save({ useObjectStreams: true }));
}

/** The blue band: an emblem of the province's own drawing (a lagoon wave in a circle), its name. */
function letterhead(pen: Pen, directorate: string): void {
  const { page } = pen;
  const top = A4.height;
  page.drawRectangle({ x: 0, y: top - 96, width: A4.width, height: 96, color: OCEAN });
  page.drawRectangle({ x: 0, y: top - 100, width: A4.width, height: 4, color: LAGOON });
  const cx = MARGIN + 22;
  const cy = top - 48;
  page.drawCircle({ x: cx, y: cy, size: 22, borderColor: rgb(1, 1, 1), borderWidth: 1.6 });
  page.drawSvgPath('M -16 4 C -10 -4 -4 -4 0 2 C 4 8 10 8 16 0', { x: cx, y: cy, borderColor: LAGOON, borderWidth: 2.4 });
  page.drawSvgPath('M -14 12 C -8 4 -2 4 2 10 C 6 15 11 14 15 9', { x: cx, y: cy, borderColor: rgb(1, 1, 1), borderWidth: 1.6 });
  page.drawSvgPath('M -6 -8 L 0 -16 L 6 -8 Z', { x: cx, y: cy, color: rgb(1, 1, 1) });
  pen.text('PROVINCE SUD', MARGIN + 56, top - 42, { size: 19, font: pen.bold, color: rgb(1, 1, 1) });
  pen.text('Nouvelle-Calédonie', MARGIN + 56, top - 60, { size: 10.5, color: rgb(0.85, 0.93, 0.96) });
  const right = A4.width - MARGIN;
  const line1 = 'Portail des démarches';
  pen.text(line1, right - pen.bold.widthOfTextAtSize(line1, 10), top - 40, { size: 10, font: pen.bold, color: rgb(1, 1, 1) });
  const lines = pen.wrap(directorate, 8.5, pen.regular, 230);
  lines.forEach((line, i) => pen.text(line, right - pen.regular.widthOfTextAtSize(line, 8.5), top - 56 - i * 11, { size: 8.5, color: rgb(0.85, 0.93, 0.96) }));
}

function addressee(pen: Pen, lines: string[], top: number): number {
  const x = A4.width / 2 + 20;
  let y = top;
  lines.forEach((line, i) => {
    y = pen.lines(line, x, y, { size: 10.5, font: i === 0 ? pen.bold : pen.regular, width: A4.width - MARGIN - x });
  });
  return y;
}

/**
 * The QR code as a greyscale image, one pixel per module with a 4-module quiet zone, scaled up
 * without smoothing: sharp at any zoom, and no PNG to encode and decode.
 */
function qrImage(pdf: PDFDocument, page: PDFPage, text: string): PDFName {
  const { modules } = createQr(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const side = modules.size + 2 * quiet;
  const pixels = Buffer.alloc(side * side, 0xff);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) pixels[(row + quiet) * side + col + quiet] = 0;
  }
  const image = pdf.context.flateStream(pixels, { Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceGray', BitsPerComponent: 8, Interpolate: false });
  return page.node.newXObject('QrCode', pdf.context.register(image));
}

function sealBlock(pen: Pen, qr: PDFName, seal: LetterContent['seal']): void {
  const { page } = pen;
  const size = SEAL_SIZE;
  const bottom = SEAL_BOTTOM;
  const height = size + 16;
  page.drawRectangle({ x: MARGIN, y: bottom, width: A4.width - 2 * MARGIN, height, borderColor: OCEAN, borderWidth: 1, color: rgb(0.95, 0.97, 0.99) });
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(size, 0, 0, size, MARGIN + 8, bottom + 8), drawObject(qr), popGraphicsState());
  const x = MARGIN + size + 22;
  const width = A4.width - MARGIN - 10 - x;
  let y = bottom + height - 22;
  pen.text('Sceau électronique de la province Sud', x, y, { size: 11, font: pen.bold, color: OCEAN });
  y -= 18;
  const label = 'Code de vérification :';
  pen.text(label, x, y, { size: 9.5, color: MUTED });
  pen.text(seal.code, x + pen.regular.widthOfTextAtSize(label, 9.5) + 6, y, { size: 12, font: pen.bold });
  y -= 16;
  y = pen.lines(`Vérifiez l’authenticité de ce document sur ${seal.verifyAt} en saisissant ce code, en scannant le code QR ou en y déposant le fichier PDF.`, x, y, { size: 8.5, width, leading: 11 });
  pen.lines(`Signature Ed25519, clé « ${seal.keyId} » ; clés publiques : ${seal.verifyAt.replace(/\/verifier$/, '')}/api/seal/keys`, x, y - 2, { size: 7.5, width, leading: 10, color: MUTED });
}

function footer(pen: Pen): void {
  const text = 'Province Sud — 6, route des Artifices, Baie de la Moselle, BP L1, 98849 Nouméa Cedex — Document émis par le portail.';
  pen.page.drawLine({ start: { x: MARGIN, y: 56 }, end: { x: A4.width - MARGIN, y: 56 }, thickness: 0.5, color: RULE });
  pen.lines(text, MARGIN, 44, { size: 7.5, color: MUTED, width: A4.width - 2 * MARGIN });
}

interface TextStyle {
  size: number;
  font?: PDFFont;
  color?: RGB;
  width?: number;
  leading?: number;
}

/** Draws text with the embedded fonts; wraps on spaces (never on no-break spaces). */
class Pen {
  constructor(
    public page: PDFPage,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {}

  text(text: string, x: number, y: number, style: TextStyle): void {
    this.page.drawText(text, { x, y, size: style.size, font: style.font ?? this.regular, color: style.color ?? INK });
  }

  /** Draws wrapped lines from `y` down; returns the baseline below the last line. */
  lines(text: string, x: number, y: number, style: TextStyle): number {
    const font = style.font ?? this.regular;
    const leading = style.leading ?? style.size * 1.35;
    const lines = style.width ? this.wrap(text, style.size, font, style.width) : [text];
    for (const line of lines) {
      this.text(line, x, y, { ...style, font });
      y -= leading;
    }
    return y;
  }

  wrap(text: string, size: number, font: PDFFont, width: number): string[] {
    // Each word measured once (font layout is the costly part of rendering), at size 1 then scaled.
    const space = this.measure(' ', font) * size;
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    for (const word of text.split(' ')) {
      const w = this.measure(word, font) * size;
      if (line && lineWidth + space + w > width) {
        lines.push(line);
        line = word;
        lineWidth = w;
      } else {
        lineWidth = line ? lineWidth + space + w : w;
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) lines.push(line);
    return lines;
  }

  private readonly widths = new Map<string, number>();

  private measure(word: string, font: PDFFont): number {
    const key = `${font === this.bold ? 'b' : 'r'}${word}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = font.widthOfTextAtSize(word, 1);
      this.widths.set(key, width);
    }
    return width;
  }
}
