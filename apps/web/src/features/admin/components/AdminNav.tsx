import { NavLink } from 'react-router';

export function AdminNav() {
  return (
    <nav className="subnav" aria-label="Administration">
      <ul>
        <li>
          <NavLink to="/admin" end>
            Tableau de bord
          </NavLink>
        </li>
        <li>
          <NavLink to="/admin/personnel">Personnel</NavLink>
        </li>
        <li>
          <NavLink to="/admin/demarches">Démarches</NavLink>
        </li>
        <li>
          <NavLink to="/admin/webhooks">Webhooks</NavLink>
        </li>
        <li>
          <NavLink to="/admin/lettres-mortes">Tâches en échec</NavLink>
        </li>
        <li>
          <NavLink to="/admin/journal">Journal d’audit</NavLink>
        </li>
      </ul>
    </nav>
  );
}
