import { ArgumentMetadata } from '@nestjs/common';
import { DomainError } from './domain-error';
import { EMAIL_INVISIBLE_MESSAGE, EMAIL_MIXED_SCRIPTS_MESSAGE, hasInvisibleCharacters, IsAccountEmail, mixesScripts, normaliseEmail } from './email';
import { createValidationPipe } from './validation';

class EmailDto {
  @IsAccountEmail()
  email: string;
}

const NFC = 'élodie.wamytan@example.nc';
const NFD = NFC.normalize('NFD');

async function validate(email: unknown): Promise<{ email?: string; details?: unknown }> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: EmailDto };
  try {
    return (await createValidationPipe().transform({ email }, metadata)) as EmailDto;
  } catch (error) {
    return { details: (error as DomainError).details };
  }
}

describe('normaliseEmail', () => {
  it('gives the NFC, lower-case form, so the NFD spelling of an address is the same address', () => {
    expect(NFD).not.toBe(NFC);
    expect(normaliseEmail(NFD)).toBe(NFC);
    expect(normaliseEmail(` ${NFD.toUpperCase()}\n`)).toBe(NFC);
  });

  it('trims ASCII blanks only: a BOM or a no-break space stays, to be refused', () => {
    expect(normaliseEmail('\uFEFFa@b.nc')).toBe('\uFEFFa@b.nc');
    expect(normaliseEmail('a@b.nc\u00A0')).toBe('a@b.nc\u00A0');
  });
});

describe('hasInvisibleCharacters', () => {
  it.each([
    ['zero-width space', '\u200B'],
    ['zero-width non-joiner', '\u200C'],
    ['zero-width joiner', '\u200D'],
    ['left-to-right mark', '\u200E'],
    ['right-to-left mark', '\u200F'],
    ['right-to-left override', '\u202E'],
    ['left-to-right embedding', '\u202A'],
    ['first strong isolate', '\u2068'],
    ['word joiner', '\u2060'],
    ['byte order mark', '\uFEFF'],
    ['soft hyphen', '\u00AD'],
    ['variation selector', '\uFE0F'],
    ['Hangul filler', '\u3164'],
    ['tag character', '\u{E0041}'],
    ['no-break space', '\u00A0'],
    ['control character', '\u0007'],
  ])('finds a %s', (_label, character) => {
    expect(hasInvisibleCharacters(`elo${character}die@example.nc`)).toBe(true);
  });

  it('finds none in ordinary addresses, accents included', () => {
    for (const email of [NFC, 'jean-marie.o-neill+demarches@province-sud.nc', 'иван@пример.рф', 'ελένη@παράδειγμα.ελ']) {
      expect(hasInvisibleCharacters(email)).toBe(false);
    }
  });
});

describe('mixesScripts', () => {
  it.each([
    ['a Cyrillic а in a Latin domain label', 'elodie@ex\u0430mple.nc'],
    ['a Cyrillic о in a Latin local part', 'el\u043Edie@example.nc'],
    ['a Greek ο in a Latin local part', 'el\u03BFdie@example.nc'],
    ['a Latin a in a Cyrillic label', 'иван@приmер.рф'],
  ])('refuses %s', (_label, email) => {
    expect(mixesScripts(email)).toBe(true);
  });

  it.each([
    ['Latin with accents, digits and hyphens', 'élodie.wamytan-2@mairie-98800.nc'],
    ['labels of different scripts side by side', 'ivan.иван@example.nc'],
    ['all Cyrillic', 'иван@пример.рф'],
    ['all Greek', 'ελένη@παράδειγμα.ελ'],
    ['Japanese (kanji, kana)', 'やまだ太郎@例え.jp'],
  ])('accepts %s', (_label, email) => {
    expect(mixesScripts(email)).toBe(false);
  });
});

describe('@IsAccountEmail()', () => {
  it('hands the service the normalised address', async () => {
    expect(await validate(` ${NFD.toUpperCase()} `)).toEqual({ email: NFC });
  });

  it.each([
    ['a zero-width space', 'elodie\u200B@example.nc', 'invisibleCharacters', EMAIL_INVISIBLE_MESSAGE],
    ['a BOM', '\uFEFFelodie@example.nc', 'invisibleCharacters', EMAIL_INVISIBLE_MESSAGE],
    ['a Cyrillic а', 'elodie@ex\u0430mple.nc', 'mixedScripts', EMAIL_MIXED_SCRIPTS_MESSAGE],
    ['no address at all', 'pas-une-adresse', 'isEmail', "L'adresse électronique n'est pas valide."],
  ])('refuses %s with a French message on the field', async (_label, email, code, message) => {
    expect(await validate(email)).toEqual({ details: [{ field: 'email', code, message }] });
  });
});
