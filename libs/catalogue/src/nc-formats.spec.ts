import { normaliseEmail } from './nc-formats';

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
