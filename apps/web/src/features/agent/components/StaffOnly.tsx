import { Outlet } from 'react-router';
import { NotFound } from '../../../components/NotFound';
import { RequireAuth } from '../../../components/RequireAuth';
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
  return session.data && STAFF_ROLES.includes(session.data.role) ? <Outlet /> : <NotFound />;
}
