// The types of db/ that screens and UI may name. Type-only: importing it loads no database code, and
// it is the one db/ module besides the live-query hook that screens and UI may import (see biome.json).
export type { SyncStatus } from './meta';
export type { SearchResults } from './search';
export type { WriteFailure, WriteResult } from './write-failure';
