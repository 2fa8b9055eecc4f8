import type { RouteObject } from 'react-router';
import { RequireAuthOutlet } from '../../../components/RequireAuth';

// Filing (start a draft from a service, fill it — autosaved —, attach documents, submit) and following
// my requests (list, a file with its timeline, messages and live status).
export const requestRoutes: RouteObject[] = [
  {
    path: 'demandes',
    element: <RequireAuthOutlet />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./MyRequestsPage')).MyRequestsPage }) },
      { path: ':id', lazy: async () => ({ Component: (await import('./RequestPage')).RequestPage }) },
      { path: 'nouvelle', lazy: async () => ({ Component: (await import('./StartRequestPage')).StartRequestPage }) },
      { path: ':id/brouillon', lazy: async () => ({ Component: (await import('./DraftPage')).DraftPage }) },
      { path: ':id/confirmation', lazy: async () => ({ Component: (await import('./ConfirmationPage')).ConfirmationPage }) },
    ],
  },
];
