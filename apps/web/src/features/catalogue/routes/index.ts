import type { RouteObject } from 'react-router';

// Public: anyone may look for a service and read what it asks before creating an account.
export const catalogueRoutes: RouteObject[] = [
  { path: 'demarches', lazy: async () => ({ Component: (await import('./ServiceFinderPage')).ServiceFinderPage }) },
  { path: 'demarches/:code', lazy: async () => ({ Component: (await import('./ServicePage')).ServicePage }) },
];
