import { cidrContainsCidr, cidrContainsIp, parseCidr, parseIp } from '../lib/common/cidr';

describe('CIDR arithmetic', () => {
  test.each([
    ['10.0.0.1', 4, 0x0a000001n],
    ['::1', 6, 1n],
    ['fd00:ec2::254', 6, 0xfd000ec2000000000000000000000254n],
    ['::ffff:192.0.2.1', 6, 0xffffc0000201n],
    ['2001:db8::', 6, 0x20010db8000000000000000000000000n],
  ])('parses %s', (text, family, value) => {
    expect(parseIp(text)).toEqual({ family, value });
  });

  test.each(['10.0.0', '256.0.0.1', '01.2.3.4', '1::2::3', ':::', 'fe80::1%eth0', '', '1:2:3:4:5:6:7:8:9'])('rejects the address %p', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });

  test.each(['10.0.0.1', '10.0.0.0/33', '10.0.0.0/', '::/129', '10.0.0.0/08', 'x/8'])('rejects the CIDR %p like Go net.ParseCIDR', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  test('host bits are allowed and ignored', () => {
    expect(parseCidr('192.168.242.213/24')!.network).toEqual(parseCidr('192.168.242.0/24')!.network);
  });

  test('containment respects the address family and prefix lengths', () => {
    // GIVEN
    const v4all = parseCidr('0.0.0.0/0')!;
    // THEN
    expect(cidrContainsIp(v4all, parseIp('203.0.113.7')!)).toBe(true);
    expect(cidrContainsIp(v4all, parseIp('::1')!)).toBe(false);
    expect(cidrContainsCidr(parseCidr('10.0.0.0/8')!, parseCidr('10.1.0.0/16')!)).toBe(true);
    expect(cidrContainsCidr(parseCidr('10.1.0.0/16')!, parseCidr('10.0.0.0/8')!)).toBe(false);
    expect(cidrContainsCidr(parseCidr('::/0')!, parseCidr('fd00:ec2::254/128')!)).toBe(true);
    expect(cidrContainsIp(parseCidr('2001:db8::/32')!, parseIp('2001:db9::1')!)).toBe(false);
  });
});
