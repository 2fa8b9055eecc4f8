import { validateConfig } from '@portal/config';
import { normaliseSealCode, Seal, sealCode, SealFacts } from './seal';

const facts: SealFacts = { reference: 'PS-2026-000123', document: 'decision', outcome: 'approved', date: '2026-12-03', amountXpf: 150_000 };

describe('Seal', () => {
  const seal = new Seal(validateConfig({}));

  it('signs deterministically, as a compact EdDSA JWS carrying its key id', () => {
    const jws = seal.sign(facts);
    expect(seal.sign({ ...facts })).toBe(jws);
    const [header, payload] = jws.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'EdDSA', kid: 'dev' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual(facts);
    expect(seal.verify(jws)).toEqual({ valid: true, facts, kid: 'dev' });
  });

  it('refuses changed facts, a changed signature, another key id and garbage', () => {
    const [header, payload, signature] = seal.sign(facts).split('.');
    const forged = Buffer.from(JSON.stringify({ ...facts, amountXpf: 1_500_000 })).toString('base64url');
    const otherKid = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: 'autre' })).toString('base64url');
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    for (const jws of [`${header}.${forged}.${signature}`, `${header}.${payload}.${flipped}`, `${otherKid}.${payload}.${signature}`, 'a.b.c', '', 'x'.repeat(5000)]) {
      expect(seal.verify(jws)).toEqual({ valid: false });
    }
  });

  it('publishes its public key as a JWK', () => {
    expect(seal.jwks()).toEqual({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), kid: 'dev', use: 'sig', alg: 'EdDSA' }] });
  });
});

describe('seal codes', () => {
  it('are 12 Crockford base32 characters in three groups, read back however typed', () => {
    const code = sealCode('a.b.c');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normaliseSealCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normaliseSealCode('O1IL-0000-0000')).toBe('0111-0000-0000');
    expect(normaliseSealCode('ABCD-EFGH')).toBeNull();
    expect(normaliseSealCode('UUUU-UUUU-UUUU')).toBeNull();
  });
});
