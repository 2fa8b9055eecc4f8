import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from './api/client';
import { isApiError, unwrap } from './api/errors';
import type { components } from './api/schema';

export type Profile = components['schemas']['ProfileResponseDto'];

export const SESSION_KEY = ['me'] as const;

async function fetchProfile(): Promise<Profile | null> {
  try {
    return unwrap(await api.GET('/api/me'));
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

/**
 * After the API set or cleared the session cookies: the profile as it now is, replacing whatever the
 * cache held — a request started before (e.g. a visitor's 401) is cancelled so it cannot overwrite it.
 */
export async function replaceSession(client: QueryClient, profile?: Profile | null): Promise<void> {
  const next = profile === undefined ? await fetchProfile() : profile;
  await client.cancelQueries({ queryKey: SESSION_KEY });
  // Whatever was cached belonged to the previous session.
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  client.setQueryData(SESSION_KEY, next);
}

/** The signed-in account, or null for a visitor. Shared by the header, guards and pages. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchProfile,
    staleTime: 60_000,
  });
}

/** Signs out, then leaves for the sign-in page before the session is forgotten (no detour by a guard). */
export function useSignOut() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => {
      const { response } = await api.POST('/api/auth/logout');
      // Already signed out (401) is fine: the goal is reached.
      if (!response.ok && response.status !== 401) throw new Error('logout failed');
    },
    onSuccess: async () => {
      await navigate('/connexion?deconnecte=1');
      await replaceSession(client, null);
    },
  });
}
