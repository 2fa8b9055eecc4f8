import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../lib/session';
import { Loading } from './Loading';
import { Notice } from './Notice';

/** A page for signed-in people: a visitor is sent to sign in, and back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.isError) return <Notice kind="error" title="Le portail ne répond pas">Réessayez dans un instant.</Notice>;
  if (!session.data) {
    const back = `${location.pathname}${location.search}`;
    return <Navigate to={`/connexion?retour=${encodeURIComponent(back)}`} replace />;
  }
  return children;
}

/** Layout route guarding every child route. */
export function RequireAuthOutlet() {
  return (
    <RequireAuth>
      <Outlet />
    </RequireAuth>
  );
}
