// The API's rules (libs/auth/src/password.service.ts): length and a common-password list, no
// composition rules. Shown before the field so nobody learns them from an error.
export const PASSWORD_MIN_LENGTH = 12;

export function PasswordRules({ id }: { id?: string }) {
  return (
    <div id={id}>
      <p>Votre mot de passe doit :</p>
      <ul>
        <li>compter au moins {PASSWORD_MIN_LENGTH} caractères (256 au plus) ;</li>
        <li>ne pas être un mot de passe courant.</li>
      </ul>
      <p>Pas besoin de chiffres ni de symboles : une phrase facile à retenir convient très bien.</p>
    </div>
  );
}
