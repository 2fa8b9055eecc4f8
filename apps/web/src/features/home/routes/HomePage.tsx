import { Form, Link } from 'react-router';
import { usePageTitle } from '../../../lib/page-title';
import { useSession } from '../../../lib/session';

export function HomePage() {
  usePageTitle('Accueil');
  const session = useSession();
  return (
    <>
      <h1>Vos démarches auprès de la province Sud</h1>
      <p className="lead">
        Un seul compte pour déposer vos demandes, suivre leur avancement en direct et connaître la date à laquelle une décision doit être prise.
      </p>
      <Form className="finder__search home-search" role="search" method="get" action="/demarches" aria-label="Rechercher une démarche">
        <label className="visually-hidden" htmlFor="recherche-accueil">
          Rechercher une démarche
        </label>
        <input id="recherche-accueil" className="input" type="search" name="q" placeholder="Logement, emploi, entreprise…" />
        <button className="btn btn--primary" type="submit">
          Rechercher
        </button>
      </Form>
      <p>
        <Link to="/demarches">Voir toutes les démarches</Link>
      </p>
      {session.data ? (
        <p>
          <Link className="btn btn--primary" to="/compte">
            Accéder à mon compte
          </Link>
        </p>
      ) : (
        <ul className="actions">
          <li>
            <Link className="btn btn--primary" to="/inscription">
              Créer mon compte provincial
            </Link>
          </li>
          <li>
            <Link className="btn btn--secondary" to="/connexion">
              Me connecter
            </Link>
          </li>
        </ul>
      )}
      <h2>Comment ça marche</h2>
      <ol className="steps">
        <li>Créez votre compte avec votre adresse électronique, puis confirmez-la depuis le lien reçu.</li>
        <li>Complétez votre profil une fois : il n’est plus demandé ensuite.</li>
        <li>Choisissez une démarche, remplissez le formulaire, joignez vos justificatifs et déposez.</li>
        <li>Suivez chaque étape en direct, avec la date limite de décision.</li>
      </ol>
    </>
  );
}
