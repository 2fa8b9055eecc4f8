import { useQuery } from '@tanstack/react-query';
import { api } from './api/client';
import { unwrap } from './api/errors';
import type { components } from './api/schema';

export type OidcProvider = components['schemas']['OidcProviderDto'];

/** The identity providers the portal is configured with (none: no button anywhere). */
export function useOidcProviders() {
  return useQuery({
    queryKey: ['oidc', 'providers'],
    queryFn: async () => unwrap(await api.GET('/api/auth/oidc/providers')),
    staleTime: Infinity,
  });
}

// Where to land after the round trip through the provider: kept in this tab while it is away.
const RETURN_KEY = 'portail.oidc.retour';

/** Leaves for the provider's page, remembering where to come back to in the portal. */
export function leaveForProvider(authorizationUrl: string, returnPath: string): void {
  sessionStorage.setItem(RETURN_KEY, returnPath);
  window.location.assign(authorizationUrl);
}

/** The path remembered by leaveForProvider (once). */
export function takeReturnPath(): string | null {
  const path = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  return path;
}
