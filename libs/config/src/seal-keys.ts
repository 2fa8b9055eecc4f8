import { createHash, createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';

/** The portal's Ed25519 seal keys: the one that signs now, and every public key still accepted. */
export interface SealKeySet {
  current: { kid: string; privateKey: KeyObject; publicKey: KeyObject };
  /** By key id: the current public key and the previous ones (rotation keeps old documents verifiable). */
  publicKeys: Map<string, KeyObject>;
}

// PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
// SPKI DER prefix of an Ed25519 public key; the 32-byte key follows.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
// Development and tests only (refused in production): anyone can sign with it.
const DEV_SEED = createHash('sha256').update('portail-province-sud:cle-de-sceau-de-developpement').digest();

export const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

function privateKeyFrom(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return createPrivateKey(trimmed.replace(/\\n/g, '\n'));
  const der = Buffer.from(trimmed, 'base64');
  return createPrivateKey({ key: der.length === 32 ? Buffer.concat([ED25519_PKCS8_PREFIX, der]) : der, format: 'der', type: 'pkcs8' });
}

function publicKeyFrom(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return createPublicKey(trimmed.replace(/\\n/g, '\n'));
  const der = Buffer.from(trimmed, 'base64');
  return createPublicKey({ key: der.length === 32 ? Buffer.concat([ED25519_SPKI_PREFIX, der]) : der, format: 'der', type: 'spki' });
}

function assertEd25519(key: KeyObject, name: string): void {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${name}: an Ed25519 key is expected, not ${key.asymmetricKeyType}`);
}

/** A short key id from the key itself (RFC 7638-like thumbprint), when none is configured. */
export function keyThumbprint(publicKey: KeyObject): string {
  const { x } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url').slice(0, 12);
}

/**
 * Reads SEAL_PRIVATE_KEY (PEM, base64 PKCS#8 DER or base64 32-byte seed; empty: the development
 * key), SEAL_KEY_ID and SEAL_PREVIOUS_PUBLIC_KEYS (`kid:key` items separated by commas, each key
 * PEM, base64 SPKI DER or base64 raw 32 bytes). Throws a message naming the variable.
 */
export function parseSealKeys(raw: { SEAL_PRIVATE_KEY: string; SEAL_KEY_ID: string; SEAL_PREVIOUS_PUBLIC_KEYS: string }): SealKeySet {
  let privateKey: KeyObject;
  try {
    privateKey = raw.SEAL_PRIVATE_KEY.trim() === '' ? privateKeyFrom(DEV_SEED.toString('base64')) : privateKeyFrom(raw.SEAL_PRIVATE_KEY);
  } catch (error) {
    throw new Error(`SEAL_PRIVATE_KEY: not a readable private key (${(error as Error).message})`, { cause: error });
  }
  assertEd25519(privateKey, 'SEAL_PRIVATE_KEY');
  const publicKey = createPublicKey(privateKey);
  const kid = raw.SEAL_KEY_ID.trim() || (raw.SEAL_PRIVATE_KEY.trim() === '' ? 'dev' : keyThumbprint(publicKey));
  if (!KEY_ID.test(kid)) throw new Error('SEAL_KEY_ID: 1 to 64 letters, digits, dots, dashes or underscores');
  const publicKeys = new Map<string, KeyObject>([[kid, publicKey]]);
  for (const item of raw.SEAL_PREVIOUS_PUBLIC_KEYS.split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = item.indexOf(':');
    const previousKid = item.slice(0, at);
    if (at < 1 || !KEY_ID.test(previousKid)) throw new Error('SEAL_PREVIOUS_PUBLIC_KEYS: each item is `kid:key`');
    if (publicKeys.has(previousKid)) throw new Error(`SEAL_PREVIOUS_PUBLIC_KEYS: key id ${previousKid} given twice`);
    let previous: KeyObject;
    try {
      previous = publicKeyFrom(item.slice(at + 1));
    } catch (error) {
      throw new Error(`SEAL_PREVIOUS_PUBLIC_KEYS: key ${previousKid} is not a readable public key (${(error as Error).message})`, { cause: error });
    }
    assertEd25519(previous, `SEAL_PREVIOUS_PUBLIC_KEYS (${previousKid})`);
    publicKeys.set(previousKid, previous);
  }
  return { current: { kid, privateKey, publicKey }, publicKeys };
}
