// The header by which a device names the contract version it speaks (see sync-contract.ts), apart
// from the contract's schemas so that the app does not load them to send it.
export const CONTRACT_VERSION = 1;
/** Devices send their contract version in this header; a server that needs a newer one answers 426. */
export const CONTRACT_HEADER = 'x-nastavnik-contract';
