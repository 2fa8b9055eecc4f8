/**
 * Passwords of 12+ characters that appear at the top of public breach corpora, plus French and
 * Caledonian favourites. Shorter ones are already refused by the length rule. Compared lower-cased
 * and with spaces removed.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '123123123123', '111111111111',
  '000000000000', '121212121212', '123451234512', '987654321098', '098765432109', '112233445566',
  'qwertyuiopas', 'qwertyuiop12', 'qwertyuiop123', 'qwerty123456', '1qaz2wsx3edc', 'zaq12wsxcde3',
  '1q2w3e4r5t6y', 'q1w2e3r4t5y6', 'azertyuiop12', 'azertyuiop123', 'azerty123456', 'azertyuiopqs',
  'azertyuiopqsdf', 'a1z2e3r4t5y6', 'passwordpassword', 'password1234', 'password12345', 'password123456',
  'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234', 'motdepasse12', 'motdepasse123', 'motdepasse1234',
  'motdepassemotdepasse', 'monmotdepasse', 'monmotdepasse1', 'jetaime123456', 'jetaimejetaime',
  'soleil123456', 'bonjour12345', 'bonjour123456', 'doudou123456', 'chouchou1234', 'marseille1313',
  'nouvellecaledonie', 'nouvelle-caledonie', 'caledonie1234', 'caledonie2024', 'caledonie2025',
  'caledonie2026', 'noumea123456', 'noumea988000', 'provincesud1', 'provincesud123', 'provincesud2026',
  'iloveyou1234', 'iloveyouiloveyou', 'letmein12345', 'welcome12345', 'welcome123456', 'administrator',
  'administrateur', 'admin1234567', 'adminadmin123', 'football1234', 'baseball1234', 'basketball12',
  'superman1234', 'batman123456', 'princess1234', 'sunshine1234', 'trustno11234', 'starwars1234',
  'abcdefghijkl', 'abcdefghijklm', 'abcdef123456', 'abc123abc123', 'abcd1234abcd', 'aaaaaaaaaaaa',
  'azazazazazaz', 'motdepasse!!', 'changeme1234', 'changemenow1', 'secret123456', 'secretsecret',
  'qwertyqwerty', 'asdfghjkl123', 'asdfasdfasdf', 'zxcvbnm12345', 'computer1234', 'internet1234',
  'dragon123456', 'monkey123456', 'michael12345', 'jennifer1234', 'charlie12345', 'pokemon12345',
]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase().replace(/\s+/g, ''));
}
