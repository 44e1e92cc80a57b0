// Ids derived from what a record is about, for records there must be one of (the IDP of a mentee in a
// pair): two devices that each make it offline make the same record, and their writes merge field by
// field instead of leaving two records of which screens would show only one. The same form as the
// server's derived ids (SHA-256 of the parts, as a version 8 UUID).

/** A UUID (version 8) from the SHA-256 of the parts joined by NUL; Web Crypto, so it answers a promise. */
export async function derivedId(...parts: string[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\u0000')));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
