// How busy the machine was: CPU time of the whole machine (/proc/stat), of our own processes (the
// browsers under test by their profile folder, the servers, this runner) and so of everybody else.
// Other developers run tests on this machine: a phase another process disturbed is reported as such.
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const TICK = 100; // USER_HZ

function machineTicks(): { busy: number; total: number } {
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - (f[3] ?? 0) - (f[4] ?? 0), total };
}

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Pids of the processes whose command line names `marker` (a browser's profile folder). */
export function pidsWith(marker: string): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) out.push(Number(pid));
    } catch {}
  }
  return out;
}

/**
 * What a process is, for the CPU split: Chromium's by its type (`browser`: the browser process, which
 * runs IndexedDB; `renderer`: the page; `utility`: the network service…), anything else `server`.
 */
function processKind(pid: number): string {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmd.includes('chrom')) return 'server';
    return /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
  } catch {
    return 'gone';
  }
}

export type Load = {
  wallS: number;
  /** Cores busy on average (2 = both). */
  machineCores: number;
  /** Of which our browser, servers and this runner. */
  oursCores: number;
  /** Of which other processes: above ~0.1 the phase was disturbed. */
  othersCores: number;
  loadAverage: number;
  /** CPU seconds of our processes by kind (see processKind): where the phase's work went. */
  cpuSeconds: Record<string, number>;
};

/** Starts measuring; `stop()` answers how busy the machine was meanwhile. */
export function measureLoad(ours: () => number[]): { stop(): Load } {
  const t0 = performance.now();
  const m0 = machineTicks();
  const pids = new Map<number, number>();
  const kinds = new Map<number, string>();
  for (const pid of ours()) {
    pids.set(pid, processTicks(pid));
    kinds.set(pid, processKind(pid));
  }
  const me0 = process.cpuUsage();
  return {
    stop() {
      const wallS = (performance.now() - t0) / 1000;
      const m1 = machineTicks();
      let mine = 0;
      const cpuSeconds: Record<string, number> = {};
      for (const pid of new Set([...pids.keys(), ...ours()])) {
        const ticks = processTicks(pid) - (pids.get(pid) ?? 0);
        mine += ticks;
        const kind = kinds.get(pid) ?? processKind(pid);
        cpuSeconds[kind] = (cpuSeconds[kind] ?? 0) + ticks / TICK;
      }
      const me = process.cpuUsage(me0);
      const machine = (m1.busy - m0.busy) / TICK;
      const oursS = mine / TICK + (me.user + me.system) / 1e6;
      const round = (x: number) => Math.round(x * 100) / 100;
      return {
        wallS: round(wallS),
        machineCores: round(machine / wallS),
        oursCores: round(oursS / wallS),
        othersCores: round(Math.max(0, machine - oursS) / wallS),
        loadAverage: round(loadavg()[0] ?? 0),
        cpuSeconds: Object.fromEntries(Object.entries(cpuSeconds).map(([k, v]) => [k, round(v)])),
      };
    },
  };
}
