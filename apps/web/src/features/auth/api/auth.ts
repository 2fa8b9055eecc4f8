import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

export type MfaChallenge = Schemas['MfaChallengeDto'];

/**
 * The password step. Signed in at once (the session cookies are set), or a challenge: a second
 * factor to give, or — a staff account's first sign-in — one to enrol. No session until then.
 */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['LoginDto']): Promise<MfaChallenge | null> => {
      const answer = unwrap(await api.POST('/api/auth/login', { body }));
      return 'mfaRequired' in answer ? answer : null;
    },
    onSuccess: async (challenge) => {
      if (!challenge) await replaceSession(client);
    },
  });
}

/** The second step with a code from the authenticator app or a recovery code; sets the session. */
export function useVerifySecondFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['MfaVerifyDto']) => {
      unwrap(await api.POST('/api/auth/mfa/verify', { body }));
    },
    onSuccess: () => replaceSession(client),
  });
}

/**
 * First sign-in of a staff account: a new secret and its QR code, for the authenticator app. A query
 * keyed by the pending token, so that showing the step twice does not draw a second secret.
 */
export function useEnrolment(mfaToken: string) {
  return useQuery({
    queryKey: ['mfa-enrolment', mfaToken],
    queryFn: async () => unwrap(await api.POST('/api/auth/mfa/enrolment', { body: { mfaToken } })),
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });
}

/**
 * The first code turns the second factor on and signs in. The session is taken up by the caller
 * once the recovery codes, shown once, have been read.
 */
export function useConfirmEnrolment() {
  return useMutation({
    mutationFn: async (body: Schemas['MfaConfirmDto']) => unwrap(await api.POST('/api/auth/mfa/enrolment/confirm', { body })).recoveryCodes ?? [],
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
