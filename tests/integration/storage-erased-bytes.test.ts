// Erasure destroys the bytes, not only the records: an erased pupil's contacts are found nowhere in the
// SQLite file once its log is copied in, nor in a backup taken afterwards (they would otherwise stay in
// the pages' free space, and go onto every USB stick a backup is copied to).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { backupDatabase } from '../../src/server/backup';
import { deletion } from '../support/test-device';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  enrolWith,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';
import { TEST_ENGINE } from '../support/test-storage';

let server: TestServer;
let curator: Actor;
const folder = mkdtempSync(join(tmpdir(), 'nastavnik-erased-'));
beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
});
afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

it.runIf(TEST_ENGINE === 'sqlite')(
  'an erased pupil’s contacts are in neither the database file nor a later backup',
  async () => {
    const kid = await addMember(
      server,
      curator,
      'mentee',
      {
        fullName: 'Стираемая',
        kind: 'student',
        contacts: 'ERASED-mother +7 900 555-12-34',
        needs: 'ERASED-needs',
      },
      'kid',
    );
    expect(
      (await push(server, curator, [deletion(curator.stamper, 'person', kid.personId)])).rejected,
    ).toEqual([]);
    const file = server.databaseUrl.replace(/^sqlite:/, '');
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const copy = join(folder, 'copy.sqlite');
    await backupDatabase({ DATABASE_URL: server.databaseUrl }, copy);
    expect(readFileSync(file).toString('latin1')).not.toContain('ERASED-');
    expect(readFileSync(copy).toString('latin1')).not.toContain('ERASED-');
  },
);
