import type { WorklistFilters } from '../api/agent';

// The worklist's filters live in the URL (French names), so a view survives a reload and can be
// shared or bookmarked. One table maps them to the API's query.
const URL_NAMES = {
  status: 'statut',
  service: 'demarche',
  assignee: 'attribution',
  overdue: 'retard',
  submittedFrom: 'du',
  submittedTo: 'au',
  q: 'q',
  sort: 'tri',
  cursor: 'suite',
} as const satisfies Partial<Record<keyof WorklistFilters, string>>;
type FilterName = keyof typeof URL_NAMES;

export function filtersFromUrl(params: URLSearchParams): WorklistFilters {
  const filters: Record<string, string | boolean> = {};
  for (const [name, urlName] of Object.entries(URL_NAMES) as Array<[FilterName, string]>) {
    const value = params.get(urlName)?.trim();
    if (!value) continue;
    if (name === 'overdue') filters.overdue = value === 'oui';
    else filters[name] = value;
  }
  return filters as WorklistFilters;
}

/** The URL's query for these filters (empty ones left out). */
export function urlFromFilters(filters: WorklistFilters): string {
  const params = new URLSearchParams();
  for (const [name, urlName] of Object.entries(URL_NAMES) as Array<[FilterName, string]>) {
    const value = filters[name];
    if (value === undefined || value === '' || value === 'any') continue;
    params.set(urlName, name === 'overdue' ? (value ? 'oui' : 'non') : String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The filters a submitted filter form holds (a new search starts at the first page). */
export function filtersFromForm(form: FormData): WorklistFilters {
  const params = new URLSearchParams();
  for (const urlName of Object.values(URL_NAMES)) {
    const value = form.get(urlName);
    if (typeof value === 'string' && value.trim()) params.set(urlName, value.trim());
  }
  params.delete(URL_NAMES.cursor);
  return filtersFromUrl(params);
}

/** The CSV export of the same view: the same filters and order, the whole list (no page). */
export function exportHref(filters: WorklistFilters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (name === 'cursor' || name === 'limit' || value === undefined || value === '') continue;
    params.set(name, String(value));
  }
  const query = params.toString();
  return `/api/agent/requests/export${query ? `?${query}` : ''}`;
}
