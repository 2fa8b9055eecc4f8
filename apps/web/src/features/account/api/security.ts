import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';
import type { components } from '../../../lib/api/schema';
import { leaveForProvider } from '../../../lib/oidc';

type Schemas = components['schemas'];
export type LinkedIdentity = Schemas['LinkedIdentityDto'];
export type MySession = Schemas['SessionResponseDto'];
export type Enrolment = Schemas['MfaEnrolmentDto'];

const IDENTITIES_KEY = ['me', 'identities'] as const;
const SECOND_FACTOR_KEY = ['me', 'mfa'] as const;
const SESSIONS_KEY = ['me', 'sessions'] as const;

export function useLinkedIdentities() {
  return useQuery({ queryKey: IDENTITIES_KEY, queryFn: async () => unwrap(await api.GET('/api/me/identities')) });
}

/** Leaves for the provider; its answer comes back to /connexion/oidc/:provider, which links. */
export function useLinkProvider() {
  return useMutation({
    mutationFn: async (provider: string) => {
      const { authorizationUrl } = unwrap(await api.POST('/api/me/identities/{provider}/link', { params: { path: { provider } } }));
      leaveForProvider(authorizationUrl, '/compte/securite');
    },
  });
}

export function useUnlinkProvider() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (provider: string) => {
      unwrap(await api.DELETE('/api/me/identities/{provider}', { params: { path: { provider } } }));
    },
    onSuccess: () => client.invalidateQueries({ queryKey: IDENTITIES_KEY }),
  });
}

export function useSecondFactorStatus() {
  return useQuery({ queryKey: SECOND_FACTOR_KEY, queryFn: async () => unwrap(await api.GET('/api/me/mfa')) });
}

/** A new secret and its QR code, waiting for a first code. */
export function useStartEnrolment() {
  return useMutation({ mutationFn: async () => unwrap(await api.POST('/api/me/mfa/enrolment')) });
}

/** The first code turns the factor on; answers the recovery codes, shown once. */
export function useConfirmEnrolment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (code: string) => unwrap(await api.POST('/api/me/mfa/enrolment/confirm', { body: { code } })).recoveryCodes,
    onSuccess: () => client.invalidateQueries({ queryKey: SECOND_FACTOR_KEY }),
  });
}

export function useDisableSecondFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (proof: Schemas['MfaProofDto']) => {
      unwrap(await api.POST('/api/me/mfa/disable', { body: proof }));
    },
    onSuccess: () => client.invalidateQueries({ queryKey: SECOND_FACTOR_KEY }),
  });
}

export function useMySessions() {
  return useQuery({ queryKey: SESSIONS_KEY, queryFn: async () => unwrap(await api.GET('/api/me/sessions')) });
}

export function useRevokeSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      unwrap(await api.DELETE('/api/me/sessions/{id}', { params: { path: { id } } }));
    },
    onSuccess: () => client.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

export function useRevokeOtherSessions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/me/sessions/revoke-others')).revoked,
    onSuccess: () => client.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}
