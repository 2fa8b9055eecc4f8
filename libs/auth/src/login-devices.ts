import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@portal/config';

export const DEVICE_COOKIE = 'portal_device';

export interface DeviceCookie {
  value: string;
  expiresAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NONCE = /^[A-Za-z0-9_-]{22}$/;

/**
 * Device cookies (OWASP "slow down online guessing with device cookies"): a browser that once signed
 * in to an account carries `<accountId>.<nonce>.<expiry>.<hmac>`. Its sign-ins to that account count
 * against its own allowance, so failures from elsewhere cannot lock the owner out.
 */
@Injectable()
export class LoginDevices {
  private readonly secret: Buffer;

  constructor(private readonly config: AppConfig) {
    // Without a secret of its own, one derived from JWT_SECRET (a different key for a different use).
    this.secret = config.LOGIN_DEVICE_SECRET
      ? Buffer.from(config.LOGIN_DEVICE_SECRET)
      : createHmac('sha256', config.JWT_SECRET).update('portal login device cookie v1').digest();
  }

  issue(accountId: string, now = new Date()): DeviceCookie {
    const expiresAt = new Date(now.getTime() + this.config.LOGIN_DEVICE_COOKIE_DAYS * 86_400_000);
    const unsigned = `${accountId}.${randomBytes(16).toString('base64url')}.${Math.floor(expiresAt.getTime() / 1000)}`;
    return { value: `${unsigned}.${this.sign(unsigned)}`, expiresAt };
  }

  /** The device's id (its nonce) if the cookie is genuine, unexpired and issued for this account; else null. */
  deviceOf(value: string | undefined, accountId: string, now = new Date()): string | null {
    if (!value || value.length > 200) return null;
    const parts = value.split('.');
    if (parts.length !== 4) return null;
    const [owner, nonce, expiry, signature] = parts;
    if (!UUID.test(owner) || !NONCE.test(nonce) || !/^\d{1,12}$/.test(expiry)) return null;
    const expected = Buffer.from(this.sign(`${owner}.${nonce}.${expiry}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (owner !== accountId || Number(expiry) * 1000 <= now.getTime()) return null;
    return nonce;
  }

  private sign(unsigned: string): string {
    return createHmac('sha256', this.secret).update(unsigned).digest('base64url');
  }
}
