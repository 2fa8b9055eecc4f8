import { randomUUID } from 'node:crypto';
import { TOTP_STEP_SECONDS, totpCode } from '../../libs/auth/src/totp';

/** The portal did not answer at all (nothing listening, DNS, timeout). */
export class PortalUnreachableError extends Error {
  constructor(
    readonly baseUrl: string,
    cause: unknown,
  ) {
    const code = (cause as { cause?: { code?: string } })?.cause?.code ?? (cause as Error)?.message;
    super(`le portail ne répond pas à ${baseUrl} (${code})`);
  }
}

/** The portal answered with an error (its `{ code, message }` body, when there is one). */
export class PortalError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: { code?: string; message?: string; details?: unknown } | null,
  ) {
    super(`${method} ${path} → HTTP ${status}${body?.code ? ` ${body.code}` : ''}${body?.message ? ` : ${body.message}` : ''}${body?.details ? ` ${JSON.stringify(body.details)}` : ''}`);
  }
}

interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A thin JSON client of the portal's REST API (fetch only). */
export class PortalClient {
  constructor(readonly baseUrl: string) {}

  get apiUrl(): string {
    return `${this.baseUrl}/api`;
  }

  /** Fails fast with PortalUnreachableError when nothing answers. */
  async ping(): Promise<void> {
    try {
      const res = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
    } catch (error) {
      throw new PortalUnreachableError(this.baseUrl, error);
    }
  }

  /** Signs in; staff give a code of `totpSecret` (a code already used this step: the next step's). */
  async login(email: string, password: string, totpSecret?: string): Promise<string> {
    const res = await this.call<{ accessToken?: string; mfaToken?: string }>('POST', '/auth/login', { body: { email, password } });
    if (res.accessToken) return res.accessToken;
    if (!totpSecret || !res.mfaToken) throw new PortalError('POST', '/auth/login', 403, { code: 'MFA_REQUIRED', message: `${email} demande un second facteur` });
    const verify = (at: number) => this.call<{ accessToken: string }>('POST', '/auth/mfa/verify', { body: { mfaToken: res.mfaToken, code: totpCode(totpSecret, at) } });
    try {
      return (await verify(Date.now())).accessToken;
    } catch (error) {
      if (!(error instanceof PortalError && error.body?.code === 'INVALID_MFA_CODE')) throw error;
      return (await verify(Date.now() + TOTP_STEP_SECONDS * 1000)).accessToken;
    }
  }

  call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, options: CallOptions = {}): Promise<T> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    return this.send<T>(method, path, { method, headers, body });
  }

  /** Submission: a fresh Idempotency-Key each time (a retry would reuse it). */
  submit<T>(token: string, requestId: string): Promise<T> {
    return this.call<T>('POST', `/requests/${requestId}/submit`, { token, body: {}, headers: { 'idempotency-key': randomUUID() } });
  }

  /** Multipart upload: the documentType field first, then the file (the order the API requires). */
  upload<T>(token: string, requestId: string, documentType: string, fileName: string, bytes: Buffer): Promise<T> {
    const form = new FormData();
    form.append('documentType', documentType);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), fileName);
    return this.send<T>('POST', `/requests/${requestId}/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  }

  private async send<T>(method: string, path: string, init: RequestInit): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.apiUrl}${path}`, init);
    } catch (error) {
      throw new PortalUnreachableError(this.baseUrl, error);
    }
    const text = await res.text();
    const json = text ? (safeJson(text) as T & { code?: string; message?: string }) : null;
    if (!res.ok) throw new PortalError(method, path, res.status, json);
    return json as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}
