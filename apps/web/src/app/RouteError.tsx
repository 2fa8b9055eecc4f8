import { Link } from 'react-router';
import { usePageTitle } from '../lib/page-title';

/** Shown when a page fails to load (often a new version deployed: its old chunks are gone). */
export function RouteError() {
  usePageTitle('Erreur');
  return (
    <main id="contenu" className="container main">
      <h1>Cette page n’a pas pu s’afficher</h1>
      <p>Rechargez la page. Si le problème continue, réessayez plus tard.</p>
      <p>
        <Link to="/">Retour à l’accueil</Link>
      </p>
    </main>
  );
}
