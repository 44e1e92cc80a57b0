// The server as `npm start` runs it: a real Node process configured by the environment. Node runs the
// server itself (tsx as a loader, not as a parent process), so a kill reaches it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
};

/** Starts `src/server/main.ts` and resolves once it has printed its address and `readyText`. */
export function startServerProcess(
  env: Record<string, string>,
  readyText = 'Data:',
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nastavnik-main-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      NASTAVNIK_DATA_DIR: dataDir,
      NASTAVNIK_STATIC_DIR: 'tests/support/static',
      ...env,
    },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`${why}:\n${output}`));
    };
    const timer = setTimeout(() => fail('server did not start'), timeoutMs);
    void exited.then((code) => fail(`server exited with ${code}`));
    const poll = setInterval(() => {
      const url = /(https?:\/\/localhost:\d+)/.exec(output)?.[1];
      if (!url || !output.includes(readyText)) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({
        url,
        child,
        output: () => output,
        async stop() {
          child.kill('SIGTERM');
          return exited;
        },
      });
    }, 50);
  });
}
