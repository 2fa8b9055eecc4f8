import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';
import type { components } from '../../../lib/api/schema';
import { UNREAD_KEY } from '../../../lib/notifications';
import { replaceSession, SESSION_KEY } from '../../../lib/session';

type Schemas = components['schemas'];
export type ProfileChanges = Schemas['UpdateProfileDto'];
export type Notification = Schemas['NotificationDto'];

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: ProfileChanges) => unwrap(await api.PATCH('/api/me', { body })),
    onSuccess: (profile) => client.setQueryData(SESSION_KEY, profile),
  });
}

const NOTIFICATIONS_KEY = ['notifications', 'list'] as const;

export function useNotifications() {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: async () => unwrap(await api.GET('/api/me/notifications', { params: { query: { limit: 50 } } })),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      unwrap(await api.POST('/api/me/notifications/read-all'));
    },
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }), client.invalidateQueries({ queryKey: UNREAD_KEY })]),
  });
}

/**
 * Erases the account (the password asked again); the API ends every session and clears the cookies.
 * The page then leaves the signed-in area, and the confirmation page forgets the session.
 */
export function useEraseAccount() {
  return useMutation({
    mutationFn: async (password: string) => unwrap(await api.POST('/api/me/erasure', { body: { password } })),
  });
}

/** Forgets the session on the client once the API has ended it. */
export function useForgetSession() {
  const client = useQueryClient();
  return useCallback(() => replaceSession(client, null), [client]);
}

/** The personal-data export: a same-origin link, so the browser downloads it with the session cookie. */
export const PERSONAL_DATA_URL = '/api/me/export';
