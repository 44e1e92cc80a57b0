// A server of the benchmark as a child process, so that its CPU time is counted apart.
import { type ChildProcess, spawn } from 'node:child_process';

export type Child = { pid: number; process: ChildProcess; stop(): Promise<void> };

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await done;
  clearTimeout(timer);
}

export function spawnChild(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string }): Child {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Read and dropped: a pipe nobody empties fills at 64 KB, and then the request log's writes hang on it
  // (in a thread of the pool that also compresses the answers).
  child.stdout?.resume();
  let log = '';
  child.stderr?.on('data', (d) => {
    log = (log + String(d)).slice(-2000);
  });
  child.once('exit', (code, signal) => {
    if (code && code !== 0) console.error(`[server exited ${code} ${signal ?? ''}] ${log}`);
  });
  return { pid: child.pid as number, process: child, stop: () => stopChild(child) };
}
