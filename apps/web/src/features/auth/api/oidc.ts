import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';
import { leaveForProvider } from '../../../lib/oidc';
import { replaceSession } from '../../../lib/session';

/** Starts a sign-in at a provider: the API sets the transaction cookie; the browser leaves for the provider. */
export function useStartOidcSignIn() {
  return useMutation({
    mutationFn: async ({ provider, returnPath }: { provider: string; returnPath: string }) => {
      const { authorizationUrl } = unwrap(await api.POST('/api/auth/oidc/{provider}/start', { params: { path: { provider } } }));
      leaveForProvider(authorizationUrl, returnPath);
    },
  });
}

export type OidcOutcome = 'signed_in' | 'linked' | 'second_factor';

/** Hands the provider's answer to the API: signed in (cookies set), linked, or a second factor still owed. */
export function useCompleteOidc() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ provider, query }: { provider: string; query: string }): Promise<OidcOutcome> => {
      const result = unwrap(await api.POST('/api/auth/oidc/{provider}/callback', { params: { path: { provider } }, body: { query } }));
      if ('linkedProvider' in result) return 'linked';
      if ('mfaRequired' in result) return 'second_factor';
      await replaceSession(client);
      return 'signed_in';
    },
  });
}
