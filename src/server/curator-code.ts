// `npm run curator-code [school id]`: prints a new curator code, for an administrator with access to the
// server machine. The way back in when no curator can sign in. It reads the same environment as
// `npm start` (NASTAVNIK_DATA_DIR, DATABASE_URL) and may run while the server runs.
import { openStorage, readConfig } from './config';
import { issueCuratorCode } from './enrol-service';
import { createServerClock } from './server-clock';

async function main() {
  const config = readConfig();
  const storage = await openStorage(config.database);
  try {
    const result = await issueCuratorCode(storage, createServerClock(), process.argv[2]);
    if ('error' in result) {
      process.stderr.write(`No code made: ${result.error}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(
      `Curator code: ${result.code}  (enter it on the enrolment screen; valid once, until ${result.expiresAt})\n`,
    );
  } finally {
    await storage.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`No code made: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
