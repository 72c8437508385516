import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Short-link ids: 8 base62 characters (62^8 ≈ 2.2e14), unbiased by rejection sampling. */
export const LINK_ID_LENGTH = 8;
export const LINK_ID_PATTERN = /^[0-9A-Za-z]{4,32}$/;

export function randomId(length = LINK_ID_LENGTH): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: bytes at or above it would favour the first characters.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}
