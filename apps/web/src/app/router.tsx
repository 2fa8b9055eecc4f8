import { createBrowserRouter } from 'react-router';
import { Layout } from '../components/Layout';
import { accountRoutes } from '../features/account/routes';
import { agentRoutes } from '../features/agent/routes';
import { adminRoutes } from '../features/admin/routes';
import { authRoutes } from '../features/auth/routes';
import { businessRoutes } from '../features/businesses/routes';
import { catalogueRoutes } from '../features/catalogue/routes';
import { homeRoutes, notFoundRoute } from '../features/home/routes';
import { requestRoutes } from '../features/requests/routes';
import { jobRoutes } from '../features/jobs/routes';
import { verificationRoutes } from '../features/verification/routes';
import { RouteError } from './RouteError';

// One route table per feature, each page lazy-loaded: a feature's code is fetched when first visited.
// A new area (businesses, job board…) adds its table here.
export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [...homeRoutes, ...catalogueRoutes, ...authRoutes, ...accountRoutes, ...requestRoutes, ...businessRoutes, ...jobRoutes, ...verificationRoutes, ...agentRoutes, ...adminRoutes, notFoundRoute],
  },
]);
