import { AsyncLocalStorage } from 'node:async_hooks';

// The correlation id of the work in progress: the HTTP request's id in the API, the id a job
// inherited from the request (or job) that queued it in the worker. Read by the loggers (pino
// mixin) and by each database transaction (outbox rows), so one submission is one id end to end.
const storage = new AsyncLocalStorage<string>();

/** Runs fn under the id; without one, under none (never under an id it happened to inherit). */
export function withCorrelation<T>(id: string | null | undefined, fn: () => T): T {
  return id ? storage.run(id, fn) : storage.exit(fn);
}

/** Sets the id for the rest of the current execution (a Fastify hook, where there is no callback to wrap). */
export function enterCorrelation(id: string): void {
  storage.enterWith(id);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}

/** pino `mixin`: every log line written under an id carries it. */
export function correlationMixin(): { correlationId?: string } {
  const id = storage.getStore();
  return id ? { correlationId: id } : {};
}
