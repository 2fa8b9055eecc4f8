import { usePageTitle } from '../../../lib/page-title';
import { AccountNav } from '../components/AccountNav';
import { LinkedProviders } from '../components/LinkedProviders';
import { SecondFactorSection } from '../components/SecondFactorSection';
import { SessionsSection } from '../components/SessionsSection';

export function SecurityPage() {
  usePageTitle('Sécurité');
  return (
    <>
      <h1>Sécurité</h1>
      <AccountNav />
      <LinkedProviders />
      <SecondFactorSection />
      <SessionsSection />
    </>
  );
}
