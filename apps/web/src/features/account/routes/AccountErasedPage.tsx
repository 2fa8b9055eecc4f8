import { useEffect } from 'react';
import { Link } from 'react-router';
import { Notice } from '../../../components/Notice';
import { usePageTitle } from '../../../lib/page-title';
import { useForgetSession } from '../api/account';

/** Outside the signed-in area: shown once the API has erased the account and ended its sessions. */
export function AccountErasedPage() {
  usePageTitle('Compte supprimé');
  const forget = useForgetSession();
  useEffect(() => {
    void forget();
  }, [forget]);
  return (
    <>
      <h1>Votre compte est supprimé</h1>
      <Notice kind="success" live>
        <p>
          Vos informations personnelles ont été effacées et vous êtes déconnecté partout. Les demandes déjà déposées sont conservées par la province, comme
          la loi l’exige, sans votre nom.
        </p>
      </Notice>
      <p>
        <Link to="/">Retour à l’accueil</Link>
      </p>
    </>
  );
}
