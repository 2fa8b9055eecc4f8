import { isPublicAddress } from './public-address';

describe('isPublicAddress', () => {
  it.each([
    // IPv4 special-purpose blocks
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '198.18.0.1', '192.0.2.1', '224.0.0.1', '255.255.255.255',
    // IPv6 special-purpose blocks
    '::', '::1', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '2001:db8::1', '100::1',
    // IPv4 inside IPv6, in every notation: compatible (the attack's ::127.0.0.1), mapped, NAT64, 6to4, Teredo
    '::127.0.0.1', '::7f00:1', '[::7f00:1]', '::a00:1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:0:7f00:1', '64:ff9b::7f00:1', '64:ff9b:1::a00:1', '2002:7f00:1::1', '2001::1',
    // not an address at all
    'localhost', 'example.org', '',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '203.119.64.1', '2606:4700:4700::1111', '[2a00:1450:4007:80e::200e]'])('accepts the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('refuses what the WHATWG URL parser makes of other IPv4 notations (decimal, hex, octal, short)', () => {
    for (const url of ['http://2130706433/', 'http://0x7f000001/', 'http://0177.0.0.1/', 'http://127.1/', 'http://[::127.0.0.1]/', 'http://0/']) {
      expect(isPublicAddress(new URL(url).hostname)).toBe(false);
    }
  });
});
