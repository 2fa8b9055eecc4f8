import { Link } from 'react-router';
import { usePageTitle } from '../../../lib/page-title';

export function NotFoundPage() {
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
