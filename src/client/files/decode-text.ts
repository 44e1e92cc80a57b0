// The encoding of a text file a school has: Excel's «CSV UTF-8» (with a byte-order mark), «CSV
// (разделители — запятые)» (Windows-1251 in Russian Windows), «Текст Юникод» (UTF-16 LE with a BOM), a
// journal's export (UTF-8, often without a BOM). Decoding is the platform's TextDecoder.
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** UTF-16 without a byte-order mark: most of the odd (LE) or even (BE) bytes of the start are zero. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  // UTF-8 and Windows-1251 text has no zero bytes; in UTF-16 the ASCII characters (tabs, line ends,
  // digits, spaces) have a zero high byte, while Cyrillic has 0x04 there, so zeros are few but one-sided.
  if (oddZeros >= 2 && evenZeros * 10 < oddZeros) return 'utf-16le';
  if (evenZeros >= 2 && oddZeros * 10 < evenZeros) return 'utf-16be';
  return null;
}

/**
 * Decodes a file's bytes: a byte-order mark decides (UTF-8, UTF-16 LE or BE); else UTF-16 recognised by
 * its zero bytes; else bytes that are UTF-8, or mostly so (isMostlyUtf8), are UTF-8; else Windows-1251,
 * the encoding of Russian Windows. Returns the text without its byte-order mark, and the encoding used, for the preview.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const decode = (encoding: TextEncoding, from = 0) => ({
    text: new TextDecoder(encoding).decode(bytes.subarray(from)),
    encoding,
  });
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return decode('utf-8', 3);
  if (startsWith(bytes, 0xff, 0xfe)) return decode('utf-16le', 2);
  if (startsWith(bytes, 0xfe, 0xff)) return decode('utf-16be', 2);
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return decode(utf16);
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  return isMostlyUtf8(utf8) ? { text: utf8, encoding: 'utf-8' } : decode('windows-1251');
}

/**
 * Whether text the UTF-8 decoder gave is UTF-8: no byte it could not decode (U+FFFD), or fewer of them
 * than Cyrillic letters it did — a UTF-8 list with a row pasted in from a Windows-1251 file, which read
 * whole as Windows-1251 garbled every other name and was refused as no table. A Windows-1251 file read
 * as UTF-8 has next to no Cyrillic letter: its letters' bytes are no UTF-8, but for «Р», «С», «Т», «У»
 * before «ё», «Ё», «№» or a guillemet.
 */
function isMostlyUtf8(text: string): boolean {
  const undecoded = text.match(/\uFFFD/g)?.length ?? 0;
  if (undecoded === 0) return true;
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  return cyrillic > undecoded;
}
