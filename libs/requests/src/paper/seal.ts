import { createHash, sign, verify } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, parseSealKeys, SealKeySet } from '@portal/config';

/** What a seal states about a letter: no personal data, only what identifies the decision. */
export interface SealFacts {
  /** The file's reference, e.g. `PS-2026-000123`. */
  reference: string;
  document: 'receipt' | 'decision';
  outcome: 'submitted' | 'approved' | 'rejected' | 'closed' | 'implicit_rejection' | 'implicit_approval';
  /** The day of the submission or decision, in Nouméa (`yyyy-mm-dd`). */
  date: string;
  /** Aid granted, in whole XPF (approvals of aid schemes only). */
  amountXpf?: number;
}

/** One key as a JWK (RFC 8037), for anyone to verify seals offline. */
export interface SealPublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
}

export type SealCheck = { valid: true; facts: SealFacts; kid: string } | { valid: false };

const JWS = /^[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{1,600}\.[A-Za-z0-9_-]{86}$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The portal's seal: a compact JWS (EdDSA, Ed25519) over the letter's key facts, so any JOSE
 * library and the published keys verify it offline. Ed25519 signatures are deterministic: the same
 * facts give the same seal, hence the same PDF when a job runs twice.
 */
@Injectable()
export class Seal {
  private readonly keys: SealKeySet;

  constructor(config: AppConfig) {
    this.keys = parseSealKeys(config);
  }

  get keyId(): string {
    return this.keys.current.kid;
  }

  sign(facts: SealFacts): string {
    const header = b64(JSON.stringify({ alg: 'EdDSA', kid: this.keys.current.kid }));
    // A fixed key order: the payload is the same bytes for the same facts.
    const payload = b64(JSON.stringify(orderedFacts(facts)));
    const signature = sign(null, Buffer.from(`${header}.${payload}`), this.keys.current.privateKey).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }

  verify(jws: string): SealCheck {
    if (!JWS.test(jws)) return { valid: false };
    const [header, payload, signature] = jws.split('.');
    const head = parseJson(header);
    if (head?.alg !== 'EdDSA' || typeof head.kid !== 'string') return { valid: false };
    const key = this.keys.publicKeys.get(head.kid);
    if (!key || !verify(null, Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))) return { valid: false };
    const facts = asFacts(parseJson(payload));
    return facts ? { valid: true, facts, kid: head.kid } : { valid: false };
  }

  jwks(): { keys: SealPublicJwk[] } {
    return {
      keys: [...this.keys.publicKeys].map(([kid, key]) => ({ kty: 'OKP', crv: 'Ed25519', x: key.export({ format: 'jwk' }).x!, kid, use: 'sig', alg: 'EdDSA' })),
    };
  }
}

/** The code a person can type: 12 Crockford base32 characters of the seal's hash, `XXXX-XXXX-XXXX`. */
export function sealCode(jws: string): string {
  const hash = createHash('sha256').update(jws).digest();
  let bits = 0n;
  for (const byte of hash.subarray(0, 8)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < 12; i++) code += CROCKFORD[Number((bits >> BigInt(64 - 5 * (i + 1))) & 31n)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** A typed code as stored: upper case, dashes placed, Crockford's look-alikes (O→0, I/L→1) read. */
export function normaliseSealCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(compact)) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`;
}

function orderedFacts(f: SealFacts): SealFacts {
  const ordered: SealFacts = { reference: f.reference, document: f.document, outcome: f.outcome, date: f.date };
  if (f.amountXpf !== undefined) ordered.amountXpf = f.amountXpf;
  return ordered;
}

const OUTCOMES: readonly string[] = ['submitted', 'approved', 'rejected', 'closed', 'implicit_rejection', 'implicit_approval'];

function asFacts(x: Record<string, unknown> | null): SealFacts | null {
  if (!x || typeof x.reference !== 'string' || typeof x.date !== 'string' || typeof x.outcome !== 'string' || !OUTCOMES.includes(x.outcome)) return null;
  if (x.document !== 'receipt' && x.document !== 'decision') return null;
  if (x.amountXpf !== undefined && !Number.isSafeInteger(x.amountXpf)) return null;
  return orderedFacts(x as unknown as SealFacts);
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const b64 = (text: string): string => Buffer.from(text).toString('base64url');
