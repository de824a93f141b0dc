// Base64 VLQ, the number encoding of a source map's `mappings`: each number is sign-and-magnitude
// (lowest bit the sign) in 5-bit digits, low digit first, a 6th bit set on every digit but the last.
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The numbers of one segment of `mappings` (between commas). */
export function decodeSegment(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** The digits of one number. */
export function encodeValue(n) {
  let rest = n < 0 ? (-n << 1) | 1 : n << 1;
  let encoded = '';
  do {
    encoded += BASE64[(rest & 31) | (rest > 31 ? 32 : 0)];
    rest >>>= 5;
  } while (rest);
  return encoded;
}
