import { expect, test } from 'vitest';
import { addressBucket } from './client-address.ts';

test('an IPv4 address is counted alone, in whichever form it comes', () => {
  expect(addressBucket('198.51.100.7')).toBe('198.51.100.7');
  expect(addressBucket('::ffff:198.51.100.7')).toBe('198.51.100.7');
  expect(addressBucket('::FFFF:c633:6407')).toBe('198.51.100.7');
  expect(addressBucket('198.51.100.8')).not.toBe(addressBucket('198.51.100.7'));
});

test('IPv6 addresses are counted by /64', () => {
  const bucket = addressBucket('2001:db8:a:b::1');
  expect(bucket).toBe('2001:db8:a:b::/64');
  for (const same of ['2001:db8:a:b:ffff:ffff:ffff:ffff', '2001:0DB8:000A:000B:0:0:0:2', '2001:db8:a:b:1234::%eth0']) expect(addressBucket(same), same).toBe(bucket);
  expect(addressBucket('2001:db8:a:c::1')).toBe('2001:db8:a:c::/64');
  expect(addressBucket('::1')).toBe('::/64');
});

test('what is no address is counted as it is', () => {
  expect(addressBucket('unknown')).toBe('unknown');
});

test('an IPv4 address written another way than dotted decimal is still one address', () => {
  expect(addressBucket('198.051.100.007')).toBe(addressBucket('198.41.100.7'));
  expect(addressBucket('0xc6.0x33.0x64.0x07')).toBe('198.51.100.7');
});
