import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Footer } from './Footer';
import { Header } from './Header';
import { Loading } from './Loading';
import { useNavigation } from 'react-router';

/** Skip link, header, the page, footer. After a client-side navigation, focus moves to the content. */
export function Layout() {
  const location = useLocation();
  const navigation = useNavigation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <Header />
      <main id="contenu" className="container main" tabIndex={-1} ref={main}>
        {navigation.state === 'loading' ? <Loading /> : <Outlet />}
      </main>
      <Footer />
    </>
  );
}
