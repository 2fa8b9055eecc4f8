import { MIN_PASSWORD_SCORE, passwordStrength } from './password-strength';

describe('passwordStrength (zxcvbn, offline, French)', () => {
  it.each(['motdepasse123', 'azertyuiop123', 'soleil123456', 'jetaimejetaime', 'password1234', 'nouvellecaledonie', 'provincesud2026', 'noumea123456'])(
    'refuses the guessable %s',
    (password) => {
      expect(passwordStrength(password).score).toBeLessThan(MIN_PASSWORD_SCORE);
    },
  );

  it.each(['une longue phrase de passe calédonienne', 'un tout nouveau mot de passe', 'Tr0ub4dor&3xyz!', 'correct horse battery staple'])('accepts %s', (password) => {
    expect(passwordStrength(password).score).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE);
  });

  it('counts the person’s own details as guessable', () => {
    expect(passwordStrength('wahnyamalla2026').score).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE);
    expect(passwordStrength('wahnyamalla2026', ['Wahnyamalla', 'marie.wahnyamalla@example.nc']).score).toBeLessThan(MIN_PASSWORD_SCORE);
  });

  it('speaks French', () => {
    expect(passwordStrength('azertyuiop123').warning).toMatch(/clavier/);
  });
});
