import { useQuery } from '@tanstack/react-query';
import { api } from './api/client';
import { unwrap } from './api/errors';

export const UNREAD_KEY = ['notifications', 'unread'] as const;

/** How many unread notifications the signed-in person has (the header's counter). */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: async () => unwrap(await api.GET('/api/me/notifications', { params: { query: { unread: true, limit: 200 } } })).length,
    enabled,
    refetchInterval: 60_000,
  });
}
