import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';
import type { components } from '../../../lib/api/schema';

export type ServiceSummary = components['schemas']['ServiceSummaryDto'];
export type ServiceVersion = components['schemas']['ServiceVersionResponseDto'];
export type DirectorateCode = ServiceSummary['directorateCode'];
export type ApplicantKind = ServiceSummary['applicantKinds'][number];

/** Every open service (the catalogue is small: searched in the browser, filtered by the API). */
export function useServices(filters: { directorate?: DirectorateCode; applicantKind?: ApplicantKind }) {
  return useQuery({
    queryKey: ['catalogue', 'services', filters],
    queryFn: async () => unwrap(await api.GET('/api/catalogue/services', { params: { query: filters } })),
    staleTime: 5 * 60_000,
  });
}

export function useService(code: string) {
  return useQuery({
    queryKey: ['catalogue', 'service', code],
    queryFn: async () => unwrap(await api.GET('/api/catalogue/services/{code}', { params: { path: { code } } })),
    staleTime: 5 * 60_000,
  });
}

export type MyBusiness = components['schemas']['MyBusinessDto'];

/** The businesses I may file for (verified mandates), for a service open to businesses; none for a visitor. */
export function useBusinessesIMayFileFor(enabled: boolean) {
  return useQuery({
    queryKey: ['me', 'businesses'],
    queryFn: async () => unwrap(await api.GET('/api/me/businesses')),
    enabled,
    select: (mine) => mine.filter((m) => m.status === 'verified'),
  });
}
