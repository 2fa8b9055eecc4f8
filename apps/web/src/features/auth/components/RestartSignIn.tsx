import { Button } from '../../../components/Button';

/** Back to the password step: a pending sign-in expires, and a person may have typed the wrong account. */
export function RestartSignIn({ onRestart }: { onRestart: () => void }) {
  return (
    <p>
      <Button variant="link" onClick={onRestart}>
        Recommencer la connexion
      </Button>
    </p>
  );
}
