import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@portal/config';

/**
 * Second-factor secrets at rest: AES-256-GCM, the account id as associated data (a ciphertext moved
 * to another row does not decrypt). Recovery codes: HMAC-SHA256 with a pepper from the same key.
 */
@Injectable()
export class MfaCrypto {
  private readonly encryptionKey: Buffer;
  private readonly pepper: Buffer;

  constructor(config: AppConfig) {
    // Without a key of its own, one derived from JWT_SECRET (a different key for a different use).
    const root = config.MFA_ENCRYPTION_KEY ?? config.JWT_SECRET;
    this.encryptionKey = createHmac('sha256', root).update('portal mfa secret encryption v1').digest();
    this.pepper = createHmac('sha256', root).update('portal mfa recovery code pepper v1').digest();
  }

  encrypt(plain: string, accountId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(accountId));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(sealed: string, accountId: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !data) throw new Error('unknown second-factor secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(accountId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  hashRecoveryCode(code: string): string {
    return createHmac('sha256', this.pepper).update(normaliseRecoveryCode(code)).digest('hex');
  }
}

/** Recovery codes are read aloud or retyped: case, spaces and dashes do not matter. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}
