import { normaliseEmail, normaliseRidet } from './nc-formats';

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
