import type { RouteObject } from 'react-router';
import { RequireAuthOutlet } from '../../../components/RequireAuth';

// Signed-in pages; `/entreprises/:id` and `/invitations?token=` are the paths the API's emails use.
export const businessRoutes: RouteObject[] = [
  {
    element: <RequireAuthOutlet />,
    children: [
      { path: 'entreprises', lazy: async () => ({ Component: (await import('./MyBusinessesPage')).MyBusinessesPage }) },
      { path: 'entreprises/rattacher', lazy: async () => ({ Component: (await import('./LinkBusinessPage')).LinkBusinessPage }) },
      { path: 'entreprises/rattachements/:requestId', lazy: async () => ({ Component: (await import('./LinkFilePage')).LinkFilePage }) },
      { path: 'entreprises/:id', lazy: async () => ({ Component: (await import('./BusinessPage')).BusinessPage }) },
      { path: 'invitations', lazy: async () => ({ Component: (await import('./AcceptInvitationPage')).AcceptInvitationPage }) },
    ],
  },
];
