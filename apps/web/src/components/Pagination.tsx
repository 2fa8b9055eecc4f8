import { Link } from 'react-router';

/** Previous / next links between pages of a list; `hrefFor` keeps the page in the URL. */
export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pagination">
      <ul>
        {page > 1 && (
          <li>
            <Link to={hrefFor(page - 1)} rel="prev">
              Page précédente
            </Link>
          </li>
        )}
        <li aria-current="page">
          Page {page} sur {pageCount}
        </li>
        {page < pageCount && (
          <li>
            <Link to={hrefFor(page + 1)} rel="next">
              Page suivante
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
