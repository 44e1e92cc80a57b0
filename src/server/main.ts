// Starts the sync server and the built app: `npm start`.
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { createApp } from './app';
import { describeDatabase, openStorage, readConfig } from './config';
import { bootstrapDistrict } from './district-service';
import { bootstrap } from './enrol-service';
import { createServerClock } from './server-clock';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a?.address as string);
}

async function main() {
  const config = readConfig();
  const storage = await openStorage(config.database);
  const clock = createServerClock();
  const app = await createApp({
    storage,
    clock,
    staticDir: config.staticDir,
    logger: true,
    version,
    tls: config.tls,
    summaryMinAgeMs: config.summaryMinAgeMs,
    trustProxy: config.trustProxy,
    chosenCodes: [config.bootstrapCode, config.districtCode].filter((c): c is string => Boolean(c)),
  });
  const { code } = await bootstrap(storage, clock, config.bootstrapCode);
  const district = await bootstrapDistrict(storage, clock, config.districtCode);
  await app.listen({ port: config.port, host: config.host });
  const scheme = config.tls ? 'https' : 'http';
  const port = (app.server.address() as { port: number }).port;
  // The addresses it is reached at: this machine's and the network's when it listens on all of them;
  // this machine's alone on a loopback HOST (the network's address, printed before, reached nothing);
  // else the one address it listens on.
  const isAll = config.host === '0.0.0.0' || config.host === '::';
  const isLoopback = /^(127\.|::1$|localhost$)/.test(config.host);
  const hosts = isAll
    ? ['localhost', ...lanAddresses()]
    : isLoopback
      ? ['localhost']
      : [config.host.includes(':') ? `[${config.host}]` : config.host];
  const urls = hosts.map((host) => `${scheme}://${host}:${port}`);
  process.stdout.write(`\nНаставник ${version} is running:\n${urls.map((u) => `  ${u}\n`).join('')}`);
  process.stdout.write(`Data: ${describeDatabase(config.database)}\n`);
  if (district.code)
    process.stdout.write(
      `District administrator's code: ${district.code}  (for a district of many schools)\n`,
    );
  if (code) process.stdout.write(`First curator's code: ${code}  (enter it on the enrolment screen)\n\n`);

  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await storage.close();
    // The log is written in batches: what is still in the buffer goes out before the process ends.
    (app.log as unknown as { flush?: () => void }).flush?.();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Nastavnik could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
