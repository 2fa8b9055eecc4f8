import { asciiFileName, contentDisposition, MAX_FILE_NAME_LENGTH, sanitiseFileName } from './file-name';
import { ACCEPTED_DOCUMENT_KINDS, DocumentKind } from './magic-bytes';

const kind = (contentType: string): DocumentKind => ACCEPTED_DOCUMENT_KINDS.find((k) => k.contentType === contentType)!;
const PDF = kind('application/pdf');
const PNG = kind('image/png');
const JPEG = kind('image/jpeg');

describe('sanitiseFileName', () => {
  it.each([
    ['../../etc/passwd', PDF, 'passwd.pdf'],
    ['../../evil.pdf', PDF, 'evil.pdf'],
    ['C:\\x\\y.pdf', PDF, 'y.pdf'],
    ['/var/www/../uploads/shell.php', PNG, 'shell.png'],
    ['..', PDF, 'document.pdf'],
    ['dossier/', PDF, 'document.pdf'],
  ])('keeps no path: %j → %j', (input, k, expected) => {
    expect(sanitiseFileName(input, k)).toBe(expected);
  });

  it.each([
    ['evil.php\u0000.pdf', PDF, 'evil.php.pdf'],
    ['\u0000', PDF, 'document.pdf'],
    ['facture\r\nSet-Cookie: x=1.pdf', PDF, 'factureSet-Cookie_ x_1.pdf'],
    ['photo\u202Egnp.exe', PNG, 'photognp.png'],
    ['a\u200Bb\u00ADc.pdf', PDF, 'abc.pdf'],
    ['"; filename=evil.html', PDF, 'filename_evil.pdf'],
  ])('drops control and format characters and quotes: %j → %j', (input, k, expected) => {
    expect(sanitiseFileName(input, k)).toBe(expected);
  });

  it.each([
    ['Quittance de loyer – Nouméa (mars).pdf', PDF, 'Quittance de loyer - Nouméa (mars).pdf'],
    ['Relevé\u00a0CAFAT.pdf', PDF, 'Relevé CAFAT.pdf'],
    ['Reçu n°12.jpg', JPEG, 'Reçu n_12.jpg'],
    ['Ŋōṃéà ĝü.png', PNG, 'Ŋōṃéà ĝü.png'],
    ['Привет мир.png', PNG, 'Привет мир.png'],
    ['证明文件.pdf', PDF, '证明文件.pdf'],
    ['photo 📷.jpeg', JPEG, 'photo.jpeg'],
    ['Cafe\u0301.pdf', PDF, 'Café.pdf'],
  ])('keeps letters of any script and accents: %j → %j', (input, k, expected) => {
    expect(sanitiseFileName(input, k)).toBe(expected);
  });

  it.each([
    ['x.pdf.exe', PDF, 'x.pdf'],
    ['scan.png', PDF, 'scan.pdf'],
    ['SCAN.PDF', PDF, 'SCAN.pdf'],
    ['photo.JPEG', JPEG, 'photo.jpeg'],
    ['photo.jpg', JPEG, 'photo.jpg'],
    ['image.pdf', JPEG, 'image.jpg'],
    ['rapport', PDF, 'rapport.pdf'],
    ['relevé.03.2024', PDF, 'relevé.03.2024.pdf'],
    ['archive.tar.gz', PDF, 'archive.tar.pdf'],
    ['.htaccess', PNG, 'htaccess.png'],
    ['   ...   ', PDF, 'document.pdf'],
    ['a . . pdf', PDF, 'a.pdf'],
    ['Mon   fichier___final.pdf', PDF, 'Mon fichier_final.pdf'],
  ])('gives the extension of the detected type: %j → %j', (input, k, expected) => {
    expect(sanitiseFileName(input, k)).toBe(expected);
  });

  it('falls back to `document` when nothing usable is left', () => {
    expect(sanitiseFileName('', PDF)).toBe('document.pdf');
    expect(sanitiseFileName(undefined, PNG)).toBe('document.png');
    expect(sanitiseFileName('***', JPEG)).toBe('document.jpg');
  });

  it('caps the name at 120 characters, extension included, without splitting a character', () => {
    const long = sanitiseFileName(`${'é'.repeat(300)}.pdf`, PDF);
    expect(Array.from(long)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(long.endsWith('é.pdf')).toBe(true);
    const astral = sanitiseFileName(`${'𝒜'.repeat(200)}.png`, PNG);
    expect(Array.from(astral)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(astral).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('never keeps a separator, a NUL or a quote, whatever the input', () => {
    const nasty = ['..\\..\\a"b', 'a/b\\c\u0000d"e;f', '\u202E\u0000/\\"', 'x'.repeat(1000)];
    for (const input of nasty) {
      const name = sanitiseFileName(input, PDF);
      // eslint-disable-next-line no-control-regex -- no NUL may remain
      expect(name).toMatch(/^[^/\\\u0000"]+\.pdf$/);
      expect(name.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    }
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII filename and the exact UTF-8 one', () => {
    expect(contentDisposition('Reçu (mars) n_1.pdf')).toBe(
      `attachment; filename="Recu (mars) n_1.pdf"; filename*=UTF-8''Re%C3%A7u%20%28mars%29%20n_1.pdf`,
    );
  });

  it('replaces what ASCII cannot say', () => {
    expect(asciiFileName('证明.pdf')).toBe('_.pdf');
    expect(asciiFileName('a"b\\c.pdf')).toBe('a_b_c.pdf');
  });
});
