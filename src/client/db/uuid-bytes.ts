// A UUID as its 16 bytes: less than half the room of its 36 characters (which IndexedDB keeps as
// UTF-16 in a key, 74 bytes). Only lower-case UUIDs are packed, so that unpacking gives back exactly the
// text that was packed; any other id stays text.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/** The value of a lower-case hex digit by its character code. */
const NIBBLE = new Uint8Array(128);
for (let i = 0; i < 16; i++) NIBBLE[i.toString(16).charCodeAt(0)] = i;
/** Where each byte's two digits start in the text (the dashes skipped). */
const DIGITS_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/** True for a lower-case UUID (what `uuidToBytes` packs and `bytesToUuid` gives back). */
export const isPackableUuid = (id: unknown): id is string => typeof id === 'string' && UUID.test(id);

/** Writes the 16 bytes of lower-case UUID `id` into `into` at `offset` (16 bytes). */
export function writeUuid(id: string, into: Uint8Array, offset = 0): void {
  for (let b = 0; b < 16; b++) {
    const at = DIGITS_AT[b] as number;
    into[offset + b] =
      ((NIBBLE[id.charCodeAt(at)] as number) << 4) | (NIBBLE[id.charCodeAt(at + 1)] as number);
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
  const h = (b: number) => HEX[bytes[offset + b] as number] as string;
  return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}
