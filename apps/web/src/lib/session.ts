import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api/client';
import { isApiError, unwrap } from './api/errors';
import type { components } from './api/schema';

export type Profile = components['schemas']['ProfileResponseDto'];

export const SESSION_KEY = ['me'] as const;

/** The signed-in account, or null for a visitor. Shared by the header, guards and pages. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<Profile | null> => {
      try {
        return unwrap(await api.GET('/api/me'));
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { response } = await api.POST('/api/auth/logout');
      // Already signed out (401) is fine: the goal is reached.
      if (!response.ok && response.status !== 401) throw new Error('logout failed');
    },
    onSuccess: () => {
      client.clear();
      client.setQueryData(SESSION_KEY, null);
    },
  });
}
