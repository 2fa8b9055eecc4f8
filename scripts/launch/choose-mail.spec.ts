import { chooseMail } from './choose-mail';
import { LaunchError } from './launch-error';

describe('chooseMail', () => {
  it('uses SMTP_URL when set, in any environment', () => {
    for (const isProduction of [false, true]) {
      expect(chooseMail({ smtpUrl: 'smtp://relay:587', isProduction })).toEqual({
        kind: 'configured',
        url: 'smtp://relay:587',
        reason: 'SMTP_URL is set',
      });
    }
  });

  it('starts the mail catcher outside production', () => {
    expect(chooseMail({ isProduction: false }).kind).toBe('catcher');
  });

  it('refuses to run production without a real SMTP server', () => {
    expect(() => chooseMail({ isProduction: true })).toThrow(LaunchError);
  });
});
