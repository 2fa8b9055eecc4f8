import { useEffect } from 'react';

export const SITE_NAME = 'Portail des démarches — Province Sud';

/** Each page has its own title, read first by screen readers after a navigation. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — ${SITE_NAME}`;
  }, [title]);
}
