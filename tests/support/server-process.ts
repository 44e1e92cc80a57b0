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

/**
 * Starts `src/server/main.ts` and resolves once it has printed its address and `readyText`, or rejects
 * with its output if it exits first. It waits on what the process prints, never on a clock: the test's
 * own timeout bounds the wait.
 */
export function startServerProcess(env: Record<string, string>, readyText = 'Data:'): Promise<ServerProcess> {
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
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let isStarted = false;
    const check = (): void => {
      const url = /(https?:\/\/localhost:\d+)/.exec(output)?.[1];
      if (isStarted || !url || !output.includes(readyText)) return;
      isStarted = true;
      resolve({
        url,
        child,
        output: () => output,
        async stop() {
          child.kill('SIGTERM');
          return exited;
        },
      });
    };
    const take = (d: Buffer) => {
      output += d.toString();
      check();
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    void exited.then((code) => {
      if (!isStarted) reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
