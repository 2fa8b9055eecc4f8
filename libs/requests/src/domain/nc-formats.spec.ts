import { PROVINCE_SUD_COMMUNES, normaliseCommune, normaliseEmail, normaliseNcPhone, normaliseRidet } from './nc-formats';

describe('PROVINCE_SUD_COMMUNES', () => {
  it('lists the 14 communes of province Sud', () => {
    expect(PROVINCE_SUD_COMMUNES).toEqual([
      'Nouméa', 'Dumbéa', 'Mont-Dore', 'Païta', 'Boulouparis', 'La Foa', 'Sarraméa',
      'Farino', 'Moindou', 'Bourail', 'Thio', 'Yaté', 'Île des Pins', 'Poya',
    ]);
  });

  it('stores names in NFC so accented names compare equal', () => {
    for (const c of PROVINCE_SUD_COMMUNES) expect(c.normalize('NFC')).toBe(c);
  });
});

describe('normaliseCommune', () => {
  it.each([
    ['Nouméa', 'Nouméa'],
    ['noumea', 'Nouméa'],
    ['  NOUMÉA ', 'Nouméa'],
    ['Noume\u0301a', 'Nouméa'], // decomposed accent
    ['mont dore', 'Mont-Dore'],
    ['Le Mont-Dore', 'Mont-Dore'],
    ['Paita', 'Païta'],
    ['ile-des-pins', 'Île des Pins'],
    ["L'Île-des-Pins", 'Île des Pins'],
    ['la foa', 'La Foa'],
    ['Yate', 'Yaté'],
    ['Poya', 'Poya'],
  ])('%p → %p', (input, expected) => {
    expect(normaliseCommune(input)).toBe(expected);
  });

  it.each(['Koné', 'Lifou', 'Paris', '', 'Nouméa Nord', 'Voh'])('refuses %p (not in province Sud)', (input) => {
    expect(normaliseCommune(input)).toBeNull();
  });
});

describe('normaliseNcPhone', () => {
  it.each([
    ['+687 25.12.34', '+687251234'],
    ['251234', '+687251234'],
    ['25 12 34', '+687251234'],
    ['25.12.34', '+687251234'],
    ['25-12-34', '+687251234'],
    ['+687251234', '+687251234'],
    ['00687 78 90 12', '+687789012'],
    ['(+687) 78.90.12', '+687789012'],
    ['687 25 12 34', '+687251234'],
    ['25\u00a012\u00a034', '+687251234'],
  ])('%p → %p', (input, expected) => {
    expect(normaliseNcPhone(input)).toBe(expected);
  });

  it.each([
    '2512345', // 7 digits
    '25123', // 5 digits
    '+33 6 12 34 56 78', // a French number
    '+687 25 12 34 5',
    '25.12.3a',
    '',
    '+687',
    '０２５１２３４', // full-width digits are not ASCII digits
  ])('refuses %p', (input) => {
    expect(normaliseNcPhone(input)).toBeNull();
  });
});

describe('normaliseRidet', () => {
  it.each([
    ['0 122 531 001', '0122531001'],
    ['0122531', '0122531'],
    ['0.122.531.001', '0122531001'],
    ['0 122 531', '0122531'],
    ['1234567890', '1234567890'],
  ])('%p → %p', (input, expected) => {
    expect(normaliseRidet(input)).toBe(expected);
  });

  it.each(['122531', '01225310', '012253100', '01225310012', '0122-531-001', 'abcdefg', ''])('refuses %p', (input) => {
    expect(normaliseRidet(input)).toBeNull();
  });
});

describe('normaliseEmail', () => {
  it.each([
    ['marie.wahio@gouv.nc', 'marie.wahio@gouv.nc'],
    ['  Marie.Wahio@Province-Sud.NC ', 'marie.wahio@province-sud.nc'],
    ['a+tag@sub.example.nc', 'a+tag@sub.example.nc'],
  ])('%p → %p', (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });

  it.each([
    'marie',
    'marie@',
    '@gouv.nc',
    'marie@gouv', // no dot: not deliverable from the Internet
    'marie wahio@gouv.nc',
    'marie@gouv..nc',
    'marie@-gouv.nc',
    'marié@gouv.nc',
    `${'a'.repeat(65)}@gouv.nc`,
    `a@${'b'.repeat(250)}.nc`,
  ])('refuses %p', (input) => {
    expect(normaliseEmail(input)).toBeNull();
  });
});
