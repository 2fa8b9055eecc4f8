import { formatNcPhone, NC_POSTCODE, normaliseCommune, normaliseNcPhone, PROVINCE_SUD_COMMUNES } from './territory';

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

  it('maps every listed commune to itself', () => {
    for (const c of PROVINCE_SUD_COMMUNES) expect(normaliseCommune(c)).toBe(c);
  });
});

describe('normaliseNcPhone', () => {
  it.each([
    ['+687 25.12.34', '+687251234'],
    ['0068725 12 34', '+687251234'],
    ['251234', '+687251234'],
    ['25 12 34', '+687251234'],
    ['25.12.34', '+687251234'],
    ['25-12-34', '+687251234'],
    ['+687251234', '+687251234'],
    ['00687 78 90 12', '+687789012'],
    ['(+687) 78.90.12', '+687789012'],
    ['687 25 12 34', '+687251234'],
    ['687123', '+687687123'], // six digits are a local number, even when they start with 687
    ['25\u00a012\u00a034', '+687251234'],
  ])('%p → %p', (input, expected) => {
    expect(normaliseNcPhone(input)).toBe(expected);
  });

  it.each([
    '2512345', // 7 digits
    '25123', // 5 digits
    '+33 6 12 34 56 78', // a French number
    '+687 25 12 34 5',
    '+687 025 12 34', // no trunk zero in New Caledonia
    '25.12.3a',
    '',
    '+687',
    '687',
    '+68725123',
    '０２５１２３４', // full-width digits are not ASCII digits
  ])('refuses %p', (input) => {
    expect(normaliseNcPhone(input)).toBeNull();
  });

  it('round-trips with formatNcPhone', () => {
    expect(formatNcPhone('+687251234')).toBe('+687 25.12.34');
    expect(normaliseNcPhone(formatNcPhone('+687789012'))).toBe('+687789012');
  });
});

describe('NC_POSTCODE', () => {
  it.each([
    ['98800', true],
    ['98890', true],
    ['97400', false],
    ['9880', false],
    ['988000', false],
  ])('%p → %p', (input, expected) => {
    expect(NC_POSTCODE.test(input)).toBe(expected);
  });
});
