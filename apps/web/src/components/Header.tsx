import { Link, NavLink } from 'react-router';
import { useUnreadCount } from '../lib/notifications';
import { useSession, useSignOut } from '../lib/session';
import { Button } from './Button';
import { Wordmark } from './Wordmark';

export function Header() {
  const session = useSession();
  const signedIn = Boolean(session.data);
  const unread = useUnreadCount(signedIn);
  const signOut = useSignOut();
  const count = unread.data ?? 0;

  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to="/" className="site-header__home" aria-label="Province Sud — Portail des démarches, accueil">
          <Wordmark />
        </Link>
        <nav className="site-nav" aria-label="Menu principal">
          <ul>
            <li>
              <NavLink to="/demarches">Démarches</NavLink>
            </li>
            <li>
              <NavLink to="/offres-emploi">Offres d’emploi</NavLink>
            </li>
            {signedIn ? (
              <>
                <li>
                  <NavLink to="/demandes">Mes demandes</NavLink>
                </li>
                <li>
                  <NavLink to="/compte/notifications">
                    Notifications
                    {count > 0 && (
                      <span className="counter">
                        {count}
                        <span className="visually-hidden"> non lue{count > 1 ? 's' : ''}</span>
                      </span>
                    )}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/entreprises">Mes entreprises</NavLink>
                </li>
                {['agent', 'supervisor'].includes(session.data?.role ?? '') && <li><NavLink to="/agent">Espace agent</NavLink></li>}
                {session.data?.role === 'admin' && <li><NavLink to="/admin">Administration</NavLink></li>}
                <li>
                  <NavLink to="/compte" end>
                    Mon compte
                  </NavLink>
                </li>
                <li>
                  <Button variant="link" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
                    Se déconnecter
                  </Button>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/connexion">Se connecter</NavLink>
                </li>
                <li>
                  <NavLink to="/inscription">Créer un compte</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
