// A UUID as its 16 bytes: less than half the room of its 36 characters (which IndexedDB keeps as
// UTF-16 in a key, 74 bytes). Only lower-case UUIDs are packed, so that unpacking gives back exactly the
// text that was packed; any other id stays text.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** True for a lower-case UUID (what `uuidToBytes` packs and `bytesToUuid` gives back). */
export const isPackableUuid = (id: unknown): id is string => typeof id === 'string' && UUID.test(id);

/** Writes the 16 bytes of lower-case UUID `id` into `into` at `offset` (16 bytes). */
export function writeUuid(id: string, into: Uint8Array, offset = 0): void {
  let at = 0;
  for (let b = 0; b < 16; b++) {
    if (at === 8 || at === 13 || at === 18 || at === 23) at += 1;
    into[offset + b] = Number.parseInt(id.slice(at, at + 2), 16);
    at += 2;
  }
}

/** The 16 bytes of lower-case UUID `id`. */
export function uuidToBytes(id: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(16);
  writeUuid(id, bytes);
  return bytes;
}

/** The lower-case UUID of the 16 bytes at `offset` of `bytes`. */
export function bytesToUuid(bytes: Uint8Array, offset = 0): string {
  let hex = '';
  for (let b = 0; b < 16; b++) hex += HEX[bytes[offset + b] as number];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
