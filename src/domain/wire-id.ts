// Record ids on the v2 wire, packed when the device asks for it (`packIds`, docs/sync-protocol.md,
// "Packed ids"). A UUID's four dashes cost more than their four bytes once compressed: they break the
// hex digits apart, and brotli codes the 32 digits alone in some 17 bytes rather than 19 — a tenth of
// what a changed meeting costs on the wire. Ids are UUIDs or ULIDs (field-schemas.ts ID_PATTERN), so 32
// hex digits are never an id of their own: packing can always be undone, and anything else goes as it is.

const PACKABLE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PACKED = /^[0-9a-f]{32}$/;

/** `id` as the wire carries it: a lower-case UUID without its dashes; any other id as it is. */
export function packId(id: string): string {
  return PACKABLE.test(id) ? id.replaceAll('-', '') : id;
}

/** The id a wire id stands for: 32 lower-case hex digits get their UUID dashes back; anything else is as sent. */
export function unpackId(wire: string): string {
  if (!PACKED.test(wire)) return wire;
  return `${wire.slice(0, 8)}-${wire.slice(8, 12)}-${wire.slice(12, 16)}-${wire.slice(16, 20)}-${wire.slice(20)}`;
}
