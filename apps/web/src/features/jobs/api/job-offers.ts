import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';
import type { components, operations } from '../../../lib/api/schema';

export type JobOffer = components['schemas']['JobOfferDto'];
export type JobBoardFilters = NonNullable<operations['JobBoardController_list']['parameters']['query']>;
export type ContractType = JobOffer['contractType'];
export type Commune = NonNullable<JobBoardFilters['commune']>;

export const PAGE_SIZE = 20;

/** One page of the public board; `cursor` is the previous page's `nextCursor` (keyset paging). */
export function useJobBoard(filters: JobBoardFilters) {
  return useQuery({
    queryKey: ['job-offers', 'board', filters],
    queryFn: async () => unwrap(await api.GET('/api/job-offers', { params: { query: { ...filters, limit: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
}

export function useJobOffer(id: string) {
  return useQuery({
    queryKey: ['job-offers', id],
    queryFn: async () => unwrap(await api.GET('/api/job-offers/{id}', { params: { path: { id } } })),
    retry: false,
  });
}
