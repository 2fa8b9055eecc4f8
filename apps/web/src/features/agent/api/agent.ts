import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../../lib/api/client';
import { ApiError, unwrap } from '../../../lib/api/errors';
import type { components, paths } from '../../../lib/api/schema';

type Schemas = components['schemas'];
export type WorklistItem = Schemas['AgentRequestDto'];
export type AgentFile = Schemas['AgentFileDto'];
export type TeamMember = Schemas['TeamMemberDto'];
export type FileDocument = Schemas['DocumentResponseDto'];
export type WorklistFilters = NonNullable<paths['/api/agent/requests']['get']['parameters']['query']>;
export type Transition = Schemas['TransitionRequestDto'];

// Everything of the back office lives under this key: one live event refreshes it all.
export const AGENT_KEY = ['agent'] as const;
const fileKey = (id: string) => [...AGENT_KEY, 'file', id] as const;

export function useWorklist(filters: WorklistFilters) {
  return useQuery({
    queryKey: [...AGENT_KEY, 'worklist', filters],
    queryFn: async () => unwrap(await api.GET('/api/agent/requests', { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

/** The directorate's agents and supervisors with their load (names of assignees, reassignment). */
export function useTeam() {
  return useQuery({
    queryKey: [...AGENT_KEY, 'team'],
    queryFn: async () => unwrap(await api.GET('/api/agent/team')),
    staleTime: 30_000,
  });
}

/** The services the filters offer: the catalogue, narrowed to the directorate when there is one. */
export function useServices(directorate: string | null | undefined) {
  return useQuery({
    queryKey: ['catalogue', 'services', directorate ?? 'all'],
    queryFn: async () =>
      unwrap(await api.GET('/api/catalogue/services', { params: { query: directorate ? { directorate: directorate as 'DEL' | 'DDET' | 'DAJI' } : {} } })),
    staleTime: 5 * 60_000,
  });
}

export function useAgentFile(id: string) {
  return useQuery({
    queryKey: fileKey(id),
    queryFn: async () => unwrap(await api.GET('/api/agent/requests/{id}', { params: { path: { id } } })),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

export function useFileDocuments(id: string) {
  return useQuery({
    queryKey: [...fileKey(id), 'documents'],
    queryFn: async () => unwrap(await api.GET('/api/requests/{id}/documents', { params: { path: { id } } })),
  });
}

export const documentUrl = (requestId: string, documentId: string) => `/api/requests/${encodeURIComponent(requestId)}/documents/${encodeURIComponent(documentId)}`;

/**
 * A document's bytes as a `blob:` URL, for an inline preview inside the page (an image, or the
 * browser's PDF viewer in a frame): the download route answers as an attachment and may not be framed.
 */
export function useDocumentPreview(requestId: string, document: FileDocument | null) {
  const [state, setState] = useState<{ url: string | null; error: boolean }>({ url: null, error: false });
  useEffect(() => {
    if (!document) return undefined;
    let url: string | null = null;
    let cancelled = false;
    setState({ url: null, error: false });
    fetch(documentUrl(requestId, document.id), { credentials: 'same-origin' })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        // The type the API detected from the bytes (PDF, PNG, JPEG), never one guessed from the name.
        const blob = new Blob([await response.arrayBuffer()], { type: document.contentType });
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setState({ url, error: false });
      })
      .catch(() => !cancelled && setState({ url: null, error: true }));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [requestId, document]);
  return state;
}

/** A change to a file; whatever the outcome, the back office's data is read again (a 409 shows what moved). */
function useFileMutation<Input, Output>(run: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => client.invalidateQueries({ queryKey: AGENT_KEY }),
  });
}

/** Claim (no assignee) or, for supervisors, give the file to a colleague. */
export function useAssign(id: string) {
  return useFileMutation(async (body: { assigneeId?: string; expectedVersion: number }) =>
    unwrap(await api.POST('/api/agent/requests/{id}/assign', { params: { path: { id } }, body })),
  );
}

export function useTransition(id: string) {
  return useFileMutation(async (body: Transition) => unwrap(await api.POST('/api/agent/requests/{id}/transition', { params: { path: { id } }, body })));
}

export function useAddNote(id: string) {
  return useFileMutation(async (body: string) => unwrap(await api.POST('/api/agent/requests/{id}/notes', { params: { path: { id } }, body: { body } })));
}

export function useSendMessage(id: string) {
  return useFileMutation(async (body: string) => unwrap(await api.POST('/api/agent/requests/{id}/messages', { params: { path: { id } }, body: { body } })));
}
