import { NavLink } from 'react-router';
import { useSession } from '../../../lib/session';

/** The back office's own menu; the team's load is for supervisors (and admins). */
export function AgentNav() {
  const role = useSession().data?.role;
  return (
    <nav className="subnav" aria-label="Espace agent">
      <ul>
        <li>
          <NavLink to="/agent" end>
            Dossiers
          </NavLink>
        </li>
        {(role === 'supervisor' || role === 'admin') && (
          <li>
            <NavLink to="/agent/equipe">Équipe et charge</NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}
