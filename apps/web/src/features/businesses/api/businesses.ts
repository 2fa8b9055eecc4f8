import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { ApiError, unwrap } from '../../../lib/api/errors';
import type { components } from '../../../lib/api/schema';

type Schemas = components['schemas'];
export type MyBusiness = Schemas['MyBusinessDto'];
export type RegistryEntry = Schemas['RegistryEntryResponseDto'];
export type Business = Schemas['BusinessResponseDto'];
export type Member = Schemas['MemberResponseDto'];
export type MemberChanges = Schemas['UpdateMemberDto'];
export type NewInvitation = Schemas['CreateInvitationDto'];
export type Invitation = Schemas['InvitationResponseDto'];
export type LinkRole = Schemas['RequestBusinessLinkDto']['role'];
export type BusinessLink = Schemas['BusinessLinkResponseDto'];
export type BusinessFile = Schemas['RequestResponseDto'];
export type HistoryEntry = Schemas['BusinessHistoryEntryDto'];
export type BusinessJobOffer = Schemas['BusinessJobOfferDto'];

const MINE_KEY = ['businesses', 'mine'] as const;
const businessKey = (id: string) => ['businesses', id] as const;

/** My live mandates and my link requests still pending. */
export function useMyBusinesses() {
  return useQuery({ queryKey: MINE_KEY, queryFn: async () => unwrap(await api.GET('/api/me/businesses')) });
}

/** What the companies register says about a RIDET, asked only once the person has typed one. */
export function useRegistryLookup(ridet: string | null) {
  return useQuery({
    queryKey: ['businesses', 'lookup', ridet],
    queryFn: async () => unwrap(await api.GET('/api/businesses/lookup', { params: { query: { ridet: ridet ?? '' } } })),
    enabled: ridet !== null,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

export function useRequestLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { ridet: string; role: LinkRole }) => unwrap(await api.POST('/api/me/business-links', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: MINE_KEY }),
  });
}

export const LINK_SERVICE_CODE = 'DAJI-LIEN-PRO';

/**
 * My link files (DAJI), newest first, so a pending link leads back to its file. The API has no
 * filter by service: the latest 100 of my files are read, which covers any pending link.
 */
export function useMyLinkFiles(enabled: boolean) {
  return useQuery({
    queryKey: ['requests', 'mine', 'links'],
    queryFn: async () => {
      const page = unwrap(await api.GET('/api/requests', { params: { query: { limit: 100 } } }));
      return page.items.filter((r) => r.serviceCode === LINK_SERVICE_CODE);
    },
    enabled,
  });
}

/** The DAJI file of a link request (a request like any other). */
export function useLinkFile(requestId: string) {
  return useQuery({
    queryKey: ['requests', requestId],
    queryFn: async () => unwrap(await api.GET('/api/requests/{id}', { params: { path: { id: requestId } } })),
    // Followed while the DAJI has not decided.
    refetchInterval: (query) => (query.state.data && ['submitted', 'in_review'].includes(query.state.data.status) ? 5_000 : false),
  });
}

export function useLinkFileDocuments(requestId: string) {
  return useQuery({
    queryKey: ['requests', requestId, 'documents'],
    queryFn: async () => unwrap(await api.GET('/api/requests/{id}/documents', { params: { path: { id: requestId } } })),
  });
}

export const PROOF_DOCUMENT_TYPE = 'justificatif_pouvoir';

/** Sends the proof of authority (multipart: the type first, then the file). */
export function useUploadProof(requestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('documentType', PROOF_DOCUMENT_TYPE);
      form.append('file', file, file.name);
      const response = await fetch(`/api/requests/${encodeURIComponent(requestId)}/documents`, { method: 'POST', credentials: 'same-origin', body: form });
      if (!response.ok) throw ApiError.from(response.status, await response.json().catch(() => null));
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['requests', requestId] }),
  });
}

/** Submits the link file; one key per attempt, so a retried click is not a second submission. */
export function useSubmitLinkFile(requestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (vars: { expectedVersion: number; idempotencyKey: string }) =>
      unwrap(
        await api.POST('/api/requests/{id}/submit', {
          params: { path: { id: requestId }, header: { 'Idempotency-Key': vars.idempotencyKey } },
          body: { expectedVersion: vars.expectedVersion },
        }),
      ),
    onSuccess: (file) => {
      client.setQueryData(['requests', requestId], file);
      return client.invalidateQueries({ queryKey: MINE_KEY });
    },
  });
}

export function useBusiness(id: string) {
  return useQuery({ queryKey: businessKey(id), queryFn: async () => unwrap(await api.GET('/api/businesses/{id}', { params: { path: { id } } })) });
}

export function useMembers(id: string) {
  return useQuery({
    queryKey: [...businessKey(id), 'members'],
    queryFn: async () => unwrap(await api.GET('/api/businesses/{id}/members', { params: { path: { id } } })),
  });
}

function useInvalidateBusiness(id: string) {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: businessKey(id) }), client.invalidateQueries({ queryKey: MINE_KEY })]);
}

export function useInvite(id: string) {
  const invalidate = useInvalidateBusiness(id);
  return useMutation({
    mutationFn: async (body: NewInvitation) => unwrap(await api.POST('/api/businesses/{id}/invitations', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

/** Invitations still waiting for an answer (managers only). */
export function usePendingInvitations(id: string) {
  return useQuery({
    queryKey: [...businessKey(id), 'invitations'],
    queryFn: async () => unwrap(await api.GET('/api/businesses/{id}/invitations', { params: { path: { id } } })),
  });
}

export function useCancelInvitation(id: string) {
  const invalidate = useInvalidateBusiness(id);
  return useMutation({
    mutationFn: async (invitationId: string) => {
      unwrap(await api.DELETE('/api/businesses/{id}/invitations/{invitationId}', { params: { path: { id, invitationId } } }));
    },
    onSuccess: invalidate,
  });
}

export function useUpdateMember(id: string) {
  const invalidate = useInvalidateBusiness(id);
  return useMutation({
    mutationFn: async ({ membershipId, changes }: { membershipId: string; changes: MemberChanges }) =>
      unwrap(await api.PATCH('/api/businesses/{id}/members/{membershipId}', { params: { path: { id, membershipId } }, body: changes })),
    onSuccess: invalidate,
  });
}

export function useRevokeMember(id: string) {
  const invalidate = useInvalidateBusiness(id);
  return useMutation({
    mutationFn: async (membershipId: string) => {
      unwrap(await api.DELETE('/api/businesses/{id}/members/{membershipId}', { params: { path: { id, membershipId } } }));
    },
    onSuccess: invalidate,
  });
}

export function useApproveMember(id: string) {
  const invalidate = useInvalidateBusiness(id);
  return useMutation({
    // No terms: the mandate as asked for (a scoped manager narrows it from the member's row instead).
    mutationFn: async (membershipId: string) => unwrap(await api.POST('/api/businesses/{id}/members/{membershipId}/approve', { params: { path: { id, membershipId } }, body: {} })),
    onSuccess: invalidate,
  });
}

export function useBusinessFiles(businessId: string) {
  return useQuery({
    queryKey: [...businessKey(businessId), 'requests'],
    queryFn: async () => unwrap(await api.GET('/api/businesses/{businessId}/requests', { params: { path: { businessId }, query: { limit: 50 } } })),
  });
}

export function useBusinessHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...businessKey(id), 'history'],
    queryFn: async () => unwrap(await api.GET('/api/businesses/{id}/history', { params: { path: { id }, query: { limit: 50 } } })),
    enabled,
  });
}

/** The business's own offers; a mandate not covering the DEL job offer service gets 404 (none shown). */
export function useBusinessJobOffers(businessId: string) {
  return useQuery({
    queryKey: [...businessKey(businessId), 'job-offers'],
    queryFn: async () => {
      const result = await api.GET('/api/businesses/{businessId}/job-offers', { params: { path: { businessId } } });
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
}

export function useWithdrawOffer(businessId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (offerId: string) => unwrap(await api.POST('/api/businesses/{businessId}/job-offers/{offerId}/withdraw', { params: { path: { businessId, offerId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: [...businessKey(businessId), 'job-offers'] }),
  });
}

export function useAcceptInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) => unwrap(await api.POST('/api/business-invitations/accept', { body: { token } })),
    onSuccess: () => client.invalidateQueries({ queryKey: MINE_KEY }),
  });
}
