// Every query, for the screens past the first ones. Their chunks bring the queries' code (db/queries.ts),
// so that a phone's first screen loads only the part the shell and the homes read (useApp().queries).
import { createQueries, type Queries } from '../db/queries';
import { useApp } from './context';

export const useQueries = (): Queries => useApp().queriesWith(createQueries);
