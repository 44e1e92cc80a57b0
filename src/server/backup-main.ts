// `npm run backup [-- <file>]`: a consistent snapshot of the database while the server runs (see backup.ts).
import { backupDatabase, defaultBackupFile } from './backup';

const target = process.argv[2] ?? defaultBackupFile(process.env, new Date());
backupDatabase(process.env, target)
  .then((result) => {
    if (!result.ok) {
      process.stderr.write(`Backup failed: ${result.reason}\n`);
      process.exit(1);
    }
    process.stdout.write(`Backup written: ${result.file} (${result.engine}, ${result.records} records)\n`);
    process.stdout.write(
      result.engine === 'sqlite'
        ? 'Restore: stop the server, put this file in place of nastavnik.sqlite, start it.\n'
        : `Restore: pg_restore --no-owner --dbname=<an empty database> ${result.file}, then point DATABASE_URL at it.\n`,
    );
  })
  .catch((error: unknown) => {
    process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
