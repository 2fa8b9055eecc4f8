import { localBaseUrl } from './readiness';

describe('localBaseUrl', () => {
  it('reaches a wildcard bind through loopback', () => {
    expect(localBaseUrl(undefined, 3000)).toBe('http://127.0.0.1:3000');
    expect(localBaseUrl('0.0.0.0', 3000)).toBe('http://127.0.0.1:3000');
    expect(localBaseUrl('::', 3000)).toBe('http://127.0.0.1:3000');
  });

  it('uses a specific address as given', () => {
    expect(localBaseUrl('192.168.1.10', 8080)).toBe('http://192.168.1.10:8080');
    expect(localBaseUrl('::1', 8080)).toBe('http://[::1]:8080');
  });
});
