import type { RouteObject } from 'react-router';

// Public: the province's job board, readable without an account.
export const jobRoutes: RouteObject[] = [
  { path: 'offres-emploi', lazy: async () => ({ Component: (await import('./JobBoardPage')).JobBoardPage }) },
  { path: 'offres-emploi/:id', lazy: async () => ({ Component: (await import('./JobOfferPage')).JobOfferPage }) },
];
