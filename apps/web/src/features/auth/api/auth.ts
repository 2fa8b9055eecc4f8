import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';
import type { components } from '../../../lib/api/schema';
import { replaceSession } from '../../../lib/session';

type Schemas = components['schemas'];

export function useRegister() {
  return useMutation({
    mutationFn: async (body: Schemas['RegisterDto']) => {
      unwrap(await api.POST('/api/auth/register', { body }));
    },
  });
}

/** Spends the emailed token; the API answers with the session cookies. */
export function useVerifyEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) => {
      unwrap(await api.POST('/api/auth/verify-email', { body: { token } }));
    },
    onSuccess: () => replaceSession(client),
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['LoginDto']) => {
      unwrap(await api.POST('/api/auth/login', { body }));
    },
    onSuccess: () => replaceSession(client),
  });
}

export function useForgotPassword() {
  return useMutation({
    mutationFn: async (email: string) => {
      unwrap(await api.POST('/api/auth/password/forgot', { body: { email } }));
    },
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: async (body: Schemas['ResetPasswordDto']) => {
      unwrap(await api.POST('/api/auth/password/reset', { body }));
    },
  });
}
