import { lazy, Suspense } from 'react';
import { Link, Route, Routes } from 'react-router';
import { Loading } from '../../../components/Loading';
import { RequireAuth } from '../../../components/RequireAuth';
import { usePageTitle } from '../../../lib/page-title';
import { useSession } from '../../../lib/session';
import { AdminNav } from '../components/AdminNav';
import '../components/admin.css';

const AdminHomePage = lazy(async () => ({ default: (await import('./AdminHomePage')).AdminHomePage }));
const StaffPage = lazy(async () => ({ default: (await import('./StaffPage')).StaffPage }));
const ServicesPage = lazy(async () => ({ default: (await import('./ServicesPage')).ServicesPage }));
const ServiceAdminPage = lazy(async () => ({ default: (await import('./ServiceAdminPage')).ServiceAdminPage }));
const PublishVersionPage = lazy(async () => ({ default: (await import('./PublishVersionPage')).PublishVersionPage }));
const WebhooksPage = lazy(async () => ({ default: (await import('./WebhooksPage')).WebhooksPage }));
const WebhookDeliveriesPage = lazy(async () => ({ default: (await import('./WebhookDeliveriesPage')).WebhookDeliveriesPage }));
const DeadLettersPage = lazy(async () => ({ default: (await import('./DeadLettersPage')).DeadLettersPage }));
const AuditPage = lazy(async () => ({ default: (await import('./AuditPage')).AuditPage }));

/** Shown to anyone signed in who is not an admin: the same as an address that does not exist, no data. */
function NotAdmin() {
  usePageTitle('Page introuvable');
  return (
    <>
      <h1>Page introuvable</h1>
      <p>L’adresse est peut-être mal saisie, ou la page n’existe plus.</p>
      <p>
        <Link to="/">Retour à l’accueil</Link>
      </p>
    </>
  );
}

function AdminPages() {
  const session = useSession();
  if (session.data?.role !== 'admin') return <NotAdmin />;
  return (
    <>
      <AdminNav />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<AdminHomePage />} />
          <Route path="personnel" element={<StaffPage />} />
          <Route path="demarches" element={<ServicesPage />} />
          <Route path="demarches/:code" element={<ServiceAdminPage />} />
          <Route path="demarches/:code/nouvelle-version" element={<PublishVersionPage />} />
          <Route path="webhooks" element={<WebhooksPage />} />
          <Route path="webhooks/:id" element={<WebhookDeliveriesPage />} />
          <Route path="lettres-mortes" element={<DeadLettersPage />} />
          <Route path="journal" element={<AuditPage />} />
          <Route path="*" element={<NotAdmin />} />
        </Routes>
      </Suspense>
    </>
  );
}

export function AdminArea() {
  return (
    <RequireAuth>
      <AdminPages />
    </RequireAuth>
  );
}
