import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
// The library itself, not its index (which reads a sample file when run as a main module).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string; numpages: number }>;

/** The text a reader extracts (through the embedded fonts' ToUnicode maps), spaces normalised. */
export async function pdfText(bytes: Buffer): Promise<string> {
  const { text } = await pdfParse(bytes);
  return text.replace(/[\s\u00a0\u202f]+/g, ' ');
}

/**
 * Decodes the QR code from the image embedded in the PDF (no renderer needed): the greyscale image
 * stream (one pixel per module) is inflated, scaled up and read by jsQR.
 */
export async function qrCodeIn(bytes: Buffer): Promise<string | null> {
  const pdf = await PDFDocument.load(bytes);
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const dict: PDFDict = object.dict;
    if (dict.get(PDFName.of('Subtype')) !== PDFName.of('Image') || dict.get(PDFName.of('ColorSpace')) !== PDFName.of('DeviceGray')) continue;
    const width = (dict.get(PDFName.of('Width')) as PDFNumber).asNumber();
    const height = (dict.get(PDFName.of('Height')) as PDFNumber).asNumber();
    const grey = inflateSync(object.contents);
    const scale = 4;
    const rgba = new Uint8ClampedArray(width * scale * height * scale * 4);
    for (let y = 0; y < height * scale; y++) {
      for (let x = 0; x < width * scale; x++) {
        const v = grey[Math.floor(y / scale) * width + Math.floor(x / scale)];
        rgba.set([v, v, v, 255], (y * width * scale + x) * 4);
      }
    }
    const found = jsQR(rgba, width * scale, height * scale);
    if (found) return found.data;
  }
  return null;
}
