import { Fragment } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../../components/Button';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { Notice } from '../../../components/Notice';
import { formErrors } from '../../../lib/api/errors';
import { formatDate } from '../../../lib/dates';
import { useOidcProviders } from '../../../lib/oidc';
import { useLinkedIdentities, useLinkProvider, useUnlinkProvider } from '../api/security';

/** The identity providers I can sign in with: linked ones (unlink), configured ones (link). Nothing when none. */
export function LinkedProviders() {
  const providers = useOidcProviders();
  const identities = useLinkedIdentities();
  const link = useLinkProvider();
  const unlink = useUnlinkProvider();
  const [params] = useSearchParams();
  const linked = new Map((identities.data ?? []).map((identity) => [identity.provider, identity]));
  // Configured providers, and any linked one no longer configured (it can still be unlinked).
  const rows = [...(providers.data ?? []), ...(identities.data ?? []).filter((i) => !providers.data?.some((p) => p.id === i.provider)).map((i) => ({ id: i.provider, name: i.name }))];
  if (rows.length === 0) return null;
  const failed = link.error ?? unlink.error;
  const justLinked = rows.find((row) => row.id === params.get('lie'));

  return (
    <section aria-labelledby="identities-title">
      <h2 id="identities-title">Identités liées</h2>
      <p>Liez votre compte à une identité que vous avez déjà pour vous connecter sans mot de passe.</p>
      {justLinked && linked.has(justLinked.id) && !unlink.isSuccess && (
        <Notice kind="success" live>
          <p>Votre identité {justLinked.name} est liée : vous pouvez désormais vous connecter avec elle.</p>
        </Notice>
      )}
      {unlink.isSuccess && (
        <Notice kind="success" live>
          <p>L’identité est déliée.</p>
        </Notice>
      )}
      {failed && <ErrorSummary message={formErrors(failed).message} />}
      {rows.map((provider) => {
        const identity = linked.get(provider.id);
        return (
          <Fragment key={provider.id}>
            <h3>{provider.name}</h3>
            {identity ? (
              <>
                <p>
                  Liée le {formatDate(identity.linkedAt)}
                  {identity.email ? <> avec l’adresse {identity.email}</> : null}.
                </p>
                <Button variant="secondary" disabled={unlink.isPending} onClick={() => unlink.mutate(provider.id)}>
                  Délier {provider.name}
                </Button>
              </>
            ) : (
              <>
                <p>Non liée.</p>
                <Button variant="secondary" disabled={link.isPending} onClick={() => link.mutate(provider.id)}>
                  Lier mon identité {provider.name}
                </Button>
              </>
            )}
          </Fragment>
        );
      })}
    </section>
  );
}
