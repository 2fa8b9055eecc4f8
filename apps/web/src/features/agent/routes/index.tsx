import type { RouteObject } from 'react-router';
import { StaffOutlet } from '../components/StaffOnly';

// The back office (agents, supervisors; admins too): the worklist, a file, the team's load. Each page
// is its own chunk, fetched only by staff: residents never load this code.
export const agentRoutes: RouteObject[] = [
  {
    path: 'agent',
    element: <StaffOutlet />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./WorklistPage')).WorklistPage }) },
      { path: 'demandes/:id', lazy: async () => ({ Component: (await import('./AgentFilePage')).AgentFilePage }) },
      { path: 'equipe', lazy: async () => ({ Component: (await import('./TeamPage')).TeamPage }) },
    ],
  },
];
