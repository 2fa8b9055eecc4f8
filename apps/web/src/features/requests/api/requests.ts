import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { ApiError, unwrap } from '../../../lib/api/errors';
import type { components } from '../../../lib/api/schema';
import { uploadWithProgress } from '../../../lib/api/upload';

type Schemas = components['schemas'];
export type Request = Schemas['RequestResponseDto'];
export type Service = Schemas['ServiceVersionResponseDto'];
export type FormField = Schemas['FormFieldDto'];
export type UploadedDocument = Schemas['DocumentResponseDto'];
export type Answers = Record<string, string | boolean>;

const requestKey = (id: string) => ['requests', id] as const;

export function useRequest(id: string) {
  return useQuery({
    queryKey: requestKey(id),
    queryFn: async () => unwrap(await api.GET('/api/requests/{id}', { params: { path: { id } } })),
  });
}

/** The version of a service a draft was begun under: a newer one published since does not change its form. */
export function useServiceForm(code: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['catalogue', 'service', code, version],
    queryFn: async () => unwrap(await api.GET('/api/catalogue/services/{code}/versions/{version}', { params: { path: { code: code!, version: version! } } })),
    enabled: Boolean(code) && Boolean(version),
    staleTime: 5 * 60_000,
  });
}

export function useDocuments(id: string) {
  return useQuery({
    queryKey: [...requestKey(id), 'documents'],
    queryFn: async () => unwrap(await api.GET('/api/requests/{id}/documents', { params: { path: { id } } })),
  });
}

export function useCreateDraft() {
  return useMutation({
    // With a business: filed on its behalf (the API checks my mandate covers the service).
    mutationFn: async ({ serviceCode, businessId }: { serviceCode: string; businessId?: string }) =>
      unwrap(await api.POST('/api/requests', { body: { serviceCode, ...(businessId ? { businessId } : {}) } })),
  });
}

/** Saves the answers of a draft (validated partially by the API). */
export function useSaveDraft(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (data: Answers) => unwrap(await api.PATCH('/api/requests/{id}', { params: { path: { id } }, body: { data: data as Record<string, never> } })),
    onSuccess: (request) => client.setQueryData(requestKey(id), request),
  });
}

export function useUploadDocument(id: string) {
  const client = useQueryClient();
  return async (documentType: string, file: File, onProgress: (fraction: number) => void) => {
    await uploadWithProgress<UploadedDocument>(`/api/requests/${encodeURIComponent(id)}/documents`, { documentType }, file, onProgress);
    await client.invalidateQueries({ queryKey: [...requestKey(id), 'documents'] });
  };
}

/**
 * Submits with an Idempotency-Key per attempt: a network error re-sends the same key (the API replays
 * the outcome if the first one landed), so a flaky link never files twice.
 */
export function useSubmitRequest(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (expectedVersion: number) => {
      const key = crypto.randomUUID();
      for (let attempt = 1; ; attempt++) {
        try {
          return unwrap(
            await api.POST('/api/requests/{id}/submit', {
              params: { path: { id }, header: { 'Idempotency-Key': key } },
              body: { expectedVersion },
            }),
          );
        } catch (error) {
          if (error instanceof ApiError || attempt >= 3) throw error;
          await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
        }
      }
    },
    onSuccess: (request) => client.setQueryData(requestKey(id), request),
  });
}

export type TimelineEvent = Schemas['TimelineEventDto'];
export type Message = Schemas['MessageResponseDto'];

export function useMyRequests(cursor: string | undefined) {
  return useQuery({
    queryKey: ['requests', 'mine', cursor ?? ''],
    queryFn: async () => unwrap(await api.GET('/api/requests', { params: { query: { cursor, limit: 20 } } })),
  });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: [...requestKey(id), 'timeline'],
    queryFn: async () => unwrap(await api.GET('/api/requests/{id}/timeline', { params: { path: { id } } })),
  });
}

export function useMessages(id: string) {
  return useQuery({
    queryKey: [...requestKey(id), 'messages'],
    queryFn: async () => unwrap(await api.GET('/api/requests/{id}/messages', { params: { path: { id } } })),
  });
}

export function usePostMessage(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: string) => unwrap(await api.POST('/api/requests/{id}/messages', { params: { path: { id } }, body: { body } })),
    onSuccess: () => client.invalidateQueries({ queryKey: [...requestKey(id), 'messages'] }),
  });
}

/** Answers a request for information: a reply, and the file goes back to the agent. */
export function useResubmit(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (message: string) =>
      unwrap(await api.POST('/api/requests/{id}/resubmit', { params: { path: { id } }, body: message ? { message } : {} })),
    onSuccess: () => client.invalidateQueries({ queryKey: requestKey(id) }),
  });
}

export function useWithdraw(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/requests/{id}/withdraw', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: requestKey(id) }),
  });
}
