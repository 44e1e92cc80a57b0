// The peer: a CouchDB-protocol server (express-pouchdb over PouchDB on LevelDB), as a child process of
// the benchmark so that its CPU is counted apart. Prints one JSON line `{"port":N}` when it listens.
// Usage: tsx scripts/bench-sync/pouchdb-server.ts --dir DATA_DIR
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
if (!values.dir) throw new Error('--dir is required');
// express-pouchdb needs the folder to exist, or LevelDB fails on its LOCK file.
mkdirSync(values.dir, { recursive: true });
const Pouch = PouchDB.defaults({ prefix: values.dir.replace(/\/?$/, '/') });
const app = express();
// No logging, no auth, no config files: just the replication API, with its default compression.
app.use('/', expressPouchDB(Pouch, { mode: 'minimumForPouchDB' }));
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
});
server.keepAliveTimeout = 60_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
