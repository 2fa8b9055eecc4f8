// A steady stream of submissions by real clients: log in, file a draft, submit it with an
// Idempotency-Key, and retry like a well-behaved client (same key, backoff) on 503, 409 "in
// progress", 429, timeouts and refused connections, until a 2xx or a definitive refusal.
import { randomUUID } from 'node:crypto';

export interface Resident {
  email: string;
  password: string;
}

export interface Submission {
  requestId: string;
  key: string;
  acknowledged: boolean;
  /** A definitive 4xx (or giving up): the client was told it failed. */
  refused?: string;
}

export interface StreamOptions {
  clients: number;
  /** The client's own timeout: above the API's, so a hanging API shows as a timeout. */
  clientTimeoutMs: number;
  /** A submission not acknowledged after this long is abandoned (and reported). */
  giveUpAfterMs: number;
}

export const SERVICE = 'DAJI-COPIE-ACTE';
export const DATA = { type_acte: 'arrete', date_acte: '2024-09-24', motif: 'Copie demandée pour un dossier de succession.', format_copie: 'electronique' };
const RETRIABLE_CODES = new Set(['IDEMPOTENCY_IN_PROGRESS', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Outcome = { status: number; code?: string; body: Record<string, unknown> } | { status: 'timeout' | 'network' };

export class SubmissionStream {
  readonly submissions: Submission[] = [];
  /** Every HTTP outcome seen, by status (`timeout`, `network` for no answer). */
  readonly outcomes: Record<string, number> = {};
  maxLatencyMs = 0;
  private readonly tokens = new Map<string, string>();
  private stopping = false;
  private clients: Promise<void>[] = [];
  private next = 0;

  constructor(private readonly api: string, private readonly residents: Resident[], private readonly options: StreamOptions) {}

  start(): this {
    this.clients = Array.from({ length: this.options.clients }, () => this.client());
    return this;
  }

  /** No new submission; waits for those under way to be acknowledged, refused or abandoned. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.clients);
  }

  count(status: number | string): number {
    return this.outcomes[String(status)] ?? 0;
  }

  private async client(): Promise<void> {
    while (!this.stopping) {
      const resident = this.residents[this.next++ % this.residents.length];
      const draft = await this.retry(resident, '/api/requests', { serviceCode: SERVICE, data: DATA });
      if (draft.status !== 201) continue;
      const submission: Submission = { requestId: String(draft.body.id), key: randomUUID(), acknowledged: false };
      this.submissions.push(submission);
      const submitted = await this.retry(resident, `/api/requests/${submission.requestId}/submit`, {}, submission.key);
      if (submitted.status === 200) submission.acknowledged = true;
      else submission.refused = 'code' in submitted && submitted.code ? submitted.code : String(submitted.status);
      await sleep(50);
    }
  }

  /** One logical call, retried with the same body and key until a definitive answer. */
  private async retry(resident: Resident, path: string, body: object, key?: string): Promise<Outcome> {
    const giveUpAt = Date.now() + this.options.giveUpAfterMs;
    for (let attempt = 0; ; attempt++) {
      const token = await this.token(resident, giveUpAt);
      const outcome = token ? await this.post(path, body, { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) }) : { status: 'network' as const };
      if (outcome.status === 401) this.tokens.delete(resident.email);
      const retriable = typeof outcome.status !== 'number' || outcome.status === 401 || outcome.status >= 500 || RETRIABLE_CODES.has(outcome.code ?? '');
      if (!retriable || Date.now() > giveUpAt) return outcome;
      await sleep(Math.min(2_000, 100 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }

  private async token(resident: Resident, giveUpAt: number): Promise<string | undefined> {
    for (let attempt = 0; !this.tokens.has(resident.email) && Date.now() < giveUpAt; attempt++) {
      const login = await this.post('/api/auth/login', { email: resident.email, password: resident.password }, {});
      if (login.status === 200) this.tokens.set(resident.email, String(login.body.accessToken));
      else await sleep(Math.min(2_000, 100 * 2 ** attempt));
    }
    return this.tokens.get(resident.email);
  }

  private async post(path: string, body: object, headers: Record<string, string>): Promise<Outcome> {
    const started = Date.now();
    let outcome: Outcome;
    try {
      const response = await fetch(`${this.api}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.clientTimeoutMs),
      });
      const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      outcome = { status: response.status, code: typeof json.code === 'string' ? json.code : undefined, body: json };
    } catch (error) {
      outcome = { status: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
    }
    this.maxLatencyMs = Math.max(this.maxLatencyMs, Date.now() - started);
    const label = String(outcome.status);
    this.outcomes[label] = (this.outcomes[label] ?? 0) + 1;
    return outcome;
  }
}
