import { NavLink } from 'react-router';

export function AccountNav() {
  return (
    <nav className="subnav" aria-label="Mon compte">
      <ul>
        <li>
          <NavLink to="/compte" end>
            Mon profil
          </NavLink>
        </li>
        <li>
          <NavLink to="/compte/notifications">Notifications</NavLink>
        </li>
        <li>
          <NavLink to="/compte/securite">Sécurité</NavLink>
        </li>
        <li>
          <NavLink to="/compte/donnees">Mes données</NavLink>
        </li>
      </ul>
    </nav>
  );
}
