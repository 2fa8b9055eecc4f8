import type { RouteObject } from 'react-router';

// The administration (`/admin/…`): one lazy entry; its pages are fetched only once the signed-in
// account is known to be an admin (AdminArea), so no staff code reaches residents.
export const adminRoutes: RouteObject[] = [{ path: 'admin/*', lazy: async () => ({ Component: (await import('./AdminArea')).AdminArea }) }];
