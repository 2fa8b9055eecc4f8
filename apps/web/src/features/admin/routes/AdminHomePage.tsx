import { Link } from 'react-router';
import { usePageTitle } from '../../../lib/page-title';
import { useDeadLetters } from '../api/admin';

const SECTIONS = [
  { to: '/admin/personnel', title: 'Personnel', text: 'Créer les comptes des agents et superviseurs de chaque direction, les désactiver, réinitialiser une double authentification.' },
  { to: '/admin/demarches', title: 'Démarches', text: 'Voir les versions de chaque démarche, publier un nouveau formulaire avec son aperçu, fermer une démarche.' },
  { to: '/admin/webhooks', title: 'Webhooks', text: 'Abonnements des logiciels de gestion, leurs livraisons, et les renvoyer.' },
  { to: '/admin/lettres-mortes', title: 'Tâches en échec', text: 'Les tâches de fond qui ont échoué après tous leurs essais, à relancer.' },
  { to: '/admin/journal', title: 'Journal d’audit', text: 'Vérifier que la chaîne d’empreintes du journal est intacte.' },
];

export function AdminHomePage() {
  usePageTitle('Administration');
  const deadLetters = useDeadLetters();
  const waiting = deadLetters.data?.filter((d) => !d.replayedAt).length ?? 0;
  return (
    <>
      <h1>Administration du portail</h1>
      {waiting > 0 && (
        <p className="notice notice--warning">
          {waiting} tâche{waiting > 1 ? 's' : ''} en échec à examiner. <Link to="/admin/lettres-mortes">Voir les tâches en échec</Link>
        </p>
      )}
      <ul className="admin-sections">
        {SECTIONS.map((s) => (
          <li key={s.to} className="service-card">
            <h2 className="service-card__title">
              <Link to={s.to}>{s.title}</Link>
            </h2>
            <p className="service-card__meta">{s.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
