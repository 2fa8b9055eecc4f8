import type { RouteObject } from 'react-router';
import { RequireAuthOutlet } from '../../../components/RequireAuth';

// Every page here needs a signed-in person: a visitor is sent to /connexion?retour=… and back.
export const accountRoutes: RouteObject[] = [
  {
    path: 'compte',
    element: <RequireAuthOutlet />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./ProfilePage')).ProfilePage }) },
      { path: 'notifications', lazy: async () => ({ Component: (await import('./NotificationsPage')).NotificationsPage }) },
      { path: 'securite', lazy: async () => ({ Component: (await import('./SecurityPage')).SecurityPage }) },
      { path: 'donnees', lazy: async () => ({ Component: (await import('./MyDataPage')).MyDataPage }) },
    ],
  },
  { path: 'compte-supprime', lazy: async () => ({ Component: (await import('./AccountErasedPage')).AccountErasedPage }) },
];
