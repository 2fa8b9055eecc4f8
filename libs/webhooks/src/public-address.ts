import ipaddr from 'ipaddr.js';

// The only IPv6 space routed on the internet (RFC 4291 global unicast); everything below 2000::
// (IPv4-compatible ::a.b.c.d, IPv4-mapped, NAT64 64:ff9b::, loopback, unspecified) is refused.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
// IETF protocol assignments (Teredo, ORCHID, benchmarking…, RFC 2928) and 6to4 (2002::/16), which
// carry an IPv4 address that could be a private one.
const SPECIAL_V6 = ['2001::/23', '2001:db8::/32', '2002::/16', '3fff::/20'].map((cidr) => ipaddr.parseCIDR(cidr));

/**
 * Whether a literal IP address is an ordinary public one, in any notation: IPv4 outside every
 * special-purpose block (private, loopback, link-local, carrier-grade NAT, reserved…), IPv6 in
 * global unicast outside its special blocks. Not an IP address: false.
 */
export function isPublicAddress(address: string): boolean {
  const literal = address.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(literal)) return false;
  const ip = ipaddr.parse(literal);
  if (ip.kind() === 'ipv4') return ip.range() === 'unicast';
  const v6 = ip as ipaddr.IPv6;
  return v6.match(GLOBAL_UNICAST_V6) && v6.range() === 'unicast' && !SPECIAL_V6.some((cidr) => v6.match(cidr));
}
