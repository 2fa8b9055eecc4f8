import { Link } from 'react-router';
import { usePageTitle } from '../lib/page-title';

/** What an unknown address shows — and a page someone may not open, which must not reveal it exists. */
export function NotFound() {
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
