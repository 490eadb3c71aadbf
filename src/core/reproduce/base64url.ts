/**
 * base64url (RFC 4648 §5) without padding, the alphabet that survives URL fragments, chat clients and e-mail
 * unescaped. Decoding is strict: any character outside the alphabet, or a length no encoder produces, is refused
 * rather than skipped, so one payload has exactly one spelling.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

export function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/** The bytes, or a message saying what is wrong with the text (never throws). */
export function base64urlDecode(text: string): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  if (text.length % 4 === 1) return { ok: false, message: `${text.length} characters is not a base64url length` };
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? INDEX[code] : -1;
    if (v < 0) return { ok: false, message: `character ${i + 1} (${JSON.stringify(text[i])}) is not in the base64url alphabet (A–Z a–z 0–9 - _)` };
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero: otherwise two spellings would decode to the same bytes.
  if ((value & ((1 << bits) - 1)) !== 0) return { ok: false, message: 'the last character carries bits no encoder writes (altered?)' };
  return { ok: true, bytes: out.subarray(0, o) };
}
