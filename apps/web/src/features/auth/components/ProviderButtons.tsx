import { ErrorSummary } from '../../../components/ErrorSummary';
import { Button } from '../../../components/Button';
import { formErrors } from '../../../lib/api/errors';
import { useOidcProviders } from '../../../lib/oidc';
import { useStartOidcSignIn } from '../api/oidc';

/** « Continuer avec … », one button per configured identity provider; nothing when none is. */
export function ProviderButtons({ returnPath }: { returnPath: string }) {
  const providers = useOidcProviders();
  const start = useStartOidcSignIn();
  if (!providers.data?.length) return null;
  return (
    <section aria-labelledby="providers-title">
      <h2 id="providers-title">Ou avec une identité que vous avez déjà</h2>
      {start.isError && <ErrorSummary message={formErrors(start.error).message} />}
      <ul className="actions">
        {providers.data.map((provider) => (
          <li key={provider.id}>
            <Button variant="secondary" disabled={start.isPending} onClick={() => start.mutate({ provider: provider.id, returnPath })}>
              Continuer avec {provider.name}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
