// The write-ahead log's copies into the database file, on a thread of their own.
//
// Why: a copy writes every page the last second's commits touched and waits for the disk to have them
// (fsync) — tens of milliseconds after a burst of pushes, more on a busy disk. On the server's one thread
// it held every request meanwhile, health included. SQLite lets another connection copy while this one
// reads and writes (WAL mode: a PASSIVE checkpoint waits for no one), so a worker thread with a
// connection of its own does it.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The worker: a plain CommonJS script (no TypeScript loader in a worker), one connection, one job. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// The server's own file, never a new one: should it be gone, the copy fails and is made on the main thread.
const db = new Database(workerData.file, { fileMustExist: true });
// A copy that meets another process's write waits for it a while rather than failing.
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  let error = null;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    error = String(e && e.message);
  }
  parentPort.postMessage(error);
});
`;

export type Checkpointer = {
  /** Copies the log into the file on the worker; resolves when done (rejects with SQLite's error). */
  checkpoint(): Promise<void>;
  /** Closes the worker's connection and ends the thread. */
  close(): Promise<void>;
};

/** A worker thread that checkpoints `file` (a database in WAL mode) when asked; started at the first ask. */
export function createCheckpointer(file: string): Checkpointer {
  let worker: Worker | undefined;
  let pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const failAll = (error: Error) => {
    for (const p of pending.splice(0)) p.reject(error);
  };
  const start = () => {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const started = new Worker(WORKER, { eval: true, workerData: { file, driver } });
    // The process may exit while it idles.
    started.unref();
    started.on('message', (error: string | null) => {
      const next = pending.shift();
      if (error === null) next?.resolve();
      else next?.reject(new Error(error));
    });
    started.on('error', (error) => {
      worker = undefined;
      failAll(error);
    });
    started.on('exit', () => {
      if (worker === started) worker = undefined;
      failAll(new Error('the checkpoint thread ended'));
    });
    return started;
  };
  return {
    async checkpoint() {
      // A thread that cannot start (a limit on threads) rejects like a failed copy.
      worker ??= start();
      const target = worker;
      return new Promise<void>((resolve, reject) => {
        pending.push({ resolve, reject });
        target.postMessage('checkpoint');
      });
    },
    async close() {
      const target = worker;
      worker = undefined;
      if (!target) return;
      const exited = new Promise((resolve) => target.once('exit', resolve));
      target.postMessage('close');
      await exited;
      pending = [];
    },
  };
}
