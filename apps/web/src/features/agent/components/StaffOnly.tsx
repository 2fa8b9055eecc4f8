import { Link, Outlet } from 'react-router';
import { RequireAuth } from '../../../components/RequireAuth';
import { usePageTitle } from '../../../lib/page-title';
import { useSession } from '../../../lib/session';

export const STAFF_ROLES = ['agent', 'supervisor', 'admin'];

/** The back office's guard: a visitor signs in first; a resident meets a page that does not exist for them. */
export function StaffOutlet() {
  return (
    <RequireAuth>
      <StaffOnly />
    </RequireAuth>
  );
}

function StaffOnly() {
  const session = useSession();
  return session.data && STAFF_ROLES.includes(session.data.role) ? <Outlet /> : <NotForYou />;
}

function NotForYou() {
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
