// What the device's storage can do right now (the states of storage-guard.ts), apart from the guard's
// code: the shell reads it from the first screen on, while the guard loads with the first write.

/**
 * `open`: writes land. `reopening`: the connection was lost, reopening (input waits). `upgrading`: another
 * tab is upgrading the database; what was typed is saved as soon as it is done. `upgraded`: everything
 * typed here is saved; this tab must reload to go on. `full`: no space; `failed`: the database refused
 * the write; `lost`: the database cannot be reopened — in these three the last autosaves are NOT stored.
 */
export type StorageState = 'open' | 'reopening' | 'upgrading' | 'upgraded' | 'full' | 'failed' | 'lost';

/** States in which this tab takes no input: what would be typed could not be stored (yet). */
export const INPUT_STOPPED: readonly StorageState[] = [
  'reopening',
  'upgrading',
  'upgraded',
  'full',
  'failed',
  'lost',
];
