import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

// The one way the web app talks to the API: same origin, authenticated by the httpOnly cookies the
// API sets at sign-in. Hooks call `api`; components call hooks.
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

// The access cookie lives 15 minutes: on a 401 the refresh cookie (sent to /api/auth only) buys a
// new pair once, and the request is replayed. Concurrent 401s share one refresh.
let refreshing: Promise<boolean> | null = null;
const originals = new Map<string, Request>();

function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: '{}' })
    .then((response) => response.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

const refreshOn401: Middleware = {
  onRequest({ request, id }) {
    if (!request.url.includes('/api/auth/')) originals.set(id, request.clone());
    return undefined;
  },
  async onResponse({ response, id }) {
    const original = originals.get(id);
    originals.delete(id);
    if (response.status !== 401 || !original) return undefined;
    if (!(await refreshSession())) return undefined;
    return fetch(original);
  },
  onError({ id }) {
    originals.delete(id);
  },
};
api.use(refreshOn401);
