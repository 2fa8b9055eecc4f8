import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';
import type { components } from '../../../lib/api/schema';

type Schemas = components['schemas'];
export type StaffMember = Schemas['StaffMemberDto'];
export type NewStaff = Schemas['CreateStaffDto'];
export type ServiceSummary = Schemas['ServiceSummaryDto'];
export type ServiceVersion = Schemas['ServiceVersionResponseDto'];
export type NewServiceVersion = Schemas['PublishServiceVersionDto'];
export type FormField = Schemas['FormFieldDto'];
export type Webhook = Schemas['WebhookResponseDto'];
export type NewWebhook = Schemas['CreateWebhookDto'];
export type WebhookDelivery = Schemas['WebhookDeliveryDto'];
export type DeadLetter = Schemas['DeadLetterDto'];
export type AuditChainCheck = Schemas['AuditChainCheckDto'];
export type DirectorateCode = StaffMember['directorateCode'] & string;

const STAFF = ['admin', 'staff'] as const;
const SERVICES = ['admin', 'services'] as const;
const WEBHOOKS = ['admin', 'webhooks'] as const;
const DEAD_LETTERS = ['admin', 'dead-letters'] as const;

export function useStaff() {
  return useQuery({ queryKey: STAFF, queryFn: async () => unwrap(await api.GET('/api/admin/agents')) });
}

export function useCreateStaff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewStaff) => unwrap(await api.POST('/api/admin/agents', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: STAFF }),
  });
}

export function useDeactivateStaff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/api/admin/agents/{id}/deactivate', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: STAFF }),
  });
}

export function useResetSecondFactor() {
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/api/admin/accounts/{id}/mfa/reset', { params: { path: { id } } })),
  });
}

export function useAdminServices() {
  return useQuery({ queryKey: SERVICES, queryFn: async () => unwrap(await api.GET('/api/admin/services')) });
}

export function useServiceVersions(code: string) {
  return useQuery({
    queryKey: [...SERVICES, code],
    queryFn: async () => unwrap(await api.GET('/api/admin/services/{code}/versions', { params: { path: { code } } })),
  });
}

/** Publishes the next version of a service (closing one is publishing it with `open: false`). */
export function usePublishVersion(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewServiceVersion) => unwrap(await api.POST('/api/catalogue/services/{code}/versions', { params: { path: { code } }, body })),
    // The residents' catalogue caches the current version too.
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: SERVICES }), client.invalidateQueries({ queryKey: ['catalogue'] })]),
  });
}

export function useWebhooks() {
  return useQuery({ queryKey: WEBHOOKS, queryFn: async () => unwrap(await api.GET('/api/admin/webhooks')) });
}

export function useCreateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewWebhook) => unwrap(await api.POST('/api/admin/webhooks', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: WEBHOOKS }),
  });
}

export function useDisableWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.DELETE('/api/admin/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: WEBHOOKS }),
  });
}

export function useDeliveries(id: string, status: WebhookDelivery['status'] | undefined) {
  return useQuery({
    queryKey: [...WEBHOOKS, id, 'deliveries', status ?? ''],
    queryFn: async () => unwrap(await api.GET('/api/admin/webhooks/{id}/deliveries', { params: { path: { id }, query: { status } } })),
  });
}

export function useRedeliver(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (afterEventId: string) => unwrap(await api.POST('/api/admin/webhooks/{id}/redeliver', { params: { path: { id } }, body: { afterEventId } })),
    onSuccess: () => client.invalidateQueries({ queryKey: [...WEBHOOKS, id] }),
  });
}

export function useDeadLetters() {
  return useQuery({ queryKey: DEAD_LETTERS, queryFn: async () => unwrap(await api.GET('/api/admin/jobs/dead-letters')) });
}

export function useReplayDeadLetter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/api/admin/jobs/dead-letters/{id}/replay', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: DEAD_LETTERS }),
  });
}

export function useVerifyAuditChain() {
  return useMutation({
    mutationFn: async (anchor: string | undefined) => unwrap(await api.POST('/api/admin/audit/verify', { body: anchor ? { anchor } : {} })),
  });
}

/** What a version publishes again: the whole definition, to change a part of it (the next version replaces it). */
export function definitionOf(version: ServiceVersion): NewServiceVersion {
  const { title, description, directorateCode, applicantKinds, formSchema, requiredDocuments, deadlineRule, open } = version;
  return { title, description, directorateCode, applicantKinds, formSchema, requiredDocuments, deadlineRule, open };
}
