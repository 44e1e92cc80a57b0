// The peer's server side: seed N records, change some, drop the database.
import { join } from 'node:path';
import { type Child, spawnChild } from './child';
import { makeRecord } from './records';

export type PouchServer = {
  url: string;
  pid: number;
  seed(db: string, n: number, seed: number): Promise<void>;
  mutate(db: string, indexes: number[], seed: number): Promise<void>;
  drop(db: string): Promise<void>;
  stop(): Promise<void>;
};

type Json = Record<string, unknown>;

async function http(method: string, url: string, body?: unknown): Promise<Json & Json[]> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} -> ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Json & Json[];
}

const toDoc = ({ id, ...rest }: { id: string }) => ({ _id: id, ...rest });

export async function startPouchServer(workDir: string): Promise<PouchServer> {
  const child: Child = spawnChild(
    ['--import', 'tsx', join(import.meta.dirname, 'pouchdb-server.ts'), '--dir', join(workDir, 'couch')],
    {},
  );
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.process.once('exit', (code) => reject(new Error(`PouchDB server exited with ${code}`)));
    child.process.stdout?.on('data', (d) => {
      buffer += String(d);
      if (buffer.includes('\n'))
        resolve((JSON.parse(buffer.split('\n')[0] as string) as { port: number }).port);
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pid: child.pid,
    async seed(db, n, seed) {
      await http('PUT', `${url}/${db}`);
      for (let i = 0; i < n; i += 1000) {
        const docs = [];
        for (let j = i; j < Math.min(n, i + 1000); j++) docs.push(toDoc(makeRecord(seed, j)));
        const res = await http('POST', `${url}/${db}/_bulk_docs`, { docs });
        const bad = res.find((r: Json) => !r.ok);
        if (bad) throw new Error(`seeding PouchDB failed: ${JSON.stringify(bad)}`);
      }
      const info = await http('GET', `${url}/${db}`);
      if (info.doc_count !== n) throw new Error(`PouchDB holds ${String(info.doc_count)} of ${n} records`);
    },
    async mutate(db, indexes, seed) {
      const fresh = indexes.map((i) => makeRecord(seed, i, 1));
      const current = await http('POST', `${url}/${db}/_all_docs`, { keys: fresh.map((r) => r.id) });
      const rows = current.rows as { value: { rev: string } }[];
      const docs = fresh.map((r, k) => ({ ...toDoc(r), _rev: rows[k]?.value.rev }));
      const res = await http('POST', `${url}/${db}/_bulk_docs`, { docs });
      if (res.some((r: Json) => !r.ok)) throw new Error('changing PouchDB records failed');
    },
    drop: async (db) => void (await http('DELETE', `${url}/${db}`)),
    stop: () => child.stop(),
  };
}
