import type { RouteObject } from 'react-router';
import { RequireAuthOutlet } from '../../../components/RequireAuth';

// Filing: start a draft from a service, fill it (autosaved), attach documents, submit.
export const requestRoutes: RouteObject[] = [
  {
    path: 'demandes',
    element: <RequireAuthOutlet />,
    children: [
      { path: 'nouvelle', lazy: async () => ({ Component: (await import('./StartRequestPage')).StartRequestPage }) },
      { path: ':id/brouillon', lazy: async () => ({ Component: (await import('./DraftPage')).DraftPage }) },
      { path: ':id/confirmation', lazy: async () => ({ Component: (await import('./ConfirmationPage')).ConfirmationPage }) },
    ],
  },
];
