// The sync server under a school's load: `npm run bench:server`.
//
// The server runs as `npm start` runs it (its own process, SQLite on disk, logging on). A school is set up
// through the API (a curator, mentors, mentees, pairs, IDPs with tasks), every device enrols, and then all
// devices sync at once: each pushes its changes (a mentor records meetings, a mentee ticks tasks of their
// IDP) and pulls until nothing is left. Printed: p50/p95/p99 of every request of that burst, errors,
// rejected changes, and a count of every record afterwards against what was sent (nothing lost, nothing
// duplicated). The exit code is 1 when something was lost or an answer was an error.
//
// Options (environment):
//   BENCH_DEVICES   devices in all (default 300: half mentors, half mentees)
//   BENCH_CHANGES   changes each device pushes (default 20)
//   BENCH_QUICK=1   a quick run that proves the script works (20 devices, 5 changes)
//   BENCH_ENCODING  the Accept-Encoding the devices send (default a browser's: gzip, deflate, br)
//   BENCH_PROFILE   a folder: each server process writes a V8 CPU profile there (node --cpu-prof)
//   BENCH_DISTRICT=1  the district set-up: the devices spread over BENCH_SCHOOLS schools (default 10),
//                   made by the district's administrator, served by BENCH_PROCESSES server processes
//                   (default 2) over one PostgreSQL database — BENCH_DATABASE_URL, or a throw-away
//                   cluster the run starts (Debian's postgresql) — each device syncing through one of them.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { uuidv7 } from 'uuidv7';
import { formatHlc } from '../src/domain/hlc';
import type { Change, SyncedRecord } from '../src/domain/record';
import type { SyncResponse } from '../src/domain/sync-contract';
import { derivedId } from '../src/server/secrets';
import { latestRevision, storageFloor } from './bench/server-storage-floor';

type Options = {
  schools: number;
  processes: number;
  devicesPerSchool: number;
  changesPerDevice: number;
  /** null: each process on SQLite in a folder of its own (one process only). */
  databaseUrl: string | null;
  isDistrict: boolean;
};

async function readOptions(env = process.env): Promise<Options & { stop?: () => void }> {
  const quick = env.BENCH_QUICK === '1';
  const isDistrict = env.BENCH_DISTRICT === '1';
  const schools = isDistrict ? Number(env.BENCH_SCHOOLS ?? 10) : 1;
  const devices = Number(env.BENCH_DEVICES ?? (quick ? 20 : 300));
  const options: Options = {
    schools,
    processes: isDistrict ? Number(env.BENCH_PROCESSES ?? 2) : 1,
    devicesPerSchool: Math.floor(devices / schools),
    changesPerDevice: Number(env.BENCH_CHANGES ?? (quick ? 5 : 20)),
    databaseUrl: env.BENCH_DATABASE_URL ?? null,
    isDistrict,
  };
  if (options.devicesPerSchool < 2 || options.devicesPerSchool % 2 !== 0)
    throw new Error(
      'BENCH_DEVICES / BENCH_SCHOOLS must be an even number ≥ 2 (a mentor and a mentee per pair)',
    );
  if (!isDistrict || options.databaseUrl) return options;
  // The district runs on PostgreSQL: a cluster of the run's own, in a temporary folder.
  const { startPgCluster, createDatabase } = await import('../tests/support/pg-cluster');
  const cluster = await startPgCluster();
  const database = await createDatabase(cluster.url);
  return { ...options, databaseUrl: database.url, stop: () => cluster.stop() };
}

/** One server process. */
type ServerProcess = { url: string; child: ChildProcess; dataDir: string };

/** One school: the processes that serve it and the code its first curator enrols with. */
type Target = { name: string; urls: string[]; bootstrapCode: string };

const DISTRICT_CODE = 'BENCH-DIST';

async function startServer(bootstrapCode: string, databaseUrl: string | null): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nastavnik-bench-server-'));
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []),
      '--import',
      'tsx',
      'src/server/main.ts',
    ],
    {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        NASTAVNIK_DATA_DIR: dataDir,
        NASTAVNIK_STATIC_DIR: 'tests/support/static',
        NASTAVNIK_BOOTSTRAP_CODE: bootstrapCode,
        NASTAVNIK_DISTRICT_CODE: DISTRICT_CODE,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const found = /(http:\/\/localhost:\d+)/.exec(output)?.[1];
      if (found && output.includes("curator's code")) {
        // From here on the request log is read and dropped, as a service manager would.
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(found.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
  });
  return { url, child, dataDir };
}

/**
 * CPU time the server process has used so far (user + system, ms; Linux): all its threads, or with
 * `mainThread` its main thread alone — the one that serves every request, and what a burst's latencies
 * wait on (a checkpoint thread, zlib's pool work beside it). On a machine shared with other work,
 * latencies swing with the load; the server's own CPU per burst does not.
 */
function cpuMs(server: ServerProcess, mainThread = false): number | null {
  const pid = server.child.pid;
  try {
    const path = mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
    const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** CPU (ms) used between two readings of every server process, or null where it cannot be read. */
function cpuBetween(before: (number | null)[], after: (number | null)[]): number | null {
  return after.reduce<number | null>(
    (sum, a, i) => (sum === null || a === null ? null : sum + a - (before[i] ?? 0)),
    0,
  );
}

async function stopServer(server: ServerProcess): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
  rmSync(server.dataDir, { recursive: true, force: true });
}

type Answer = { status: number; body: Record<string, unknown>; ms: number };

/**
 * One request, timed from sending to the last byte of the answer. Plain `node:http` on a keep-alive
 * agent: the measuring client spends as little of the machine's two cores as it can, since the server
 * shares them. `body` may already be JSON text (the burst serialises its pushes before it starts). It
 * accepts compressed answers as the browsers on the devices do (BENCH_ENCODING, or `identity` for none).
 */
const agent = new Agent({ keepAlive: true, maxSockets: 1_000 });
const ACCEPT_ENCODING = process.env.BENCH_ENCODING ?? 'gzip, deflate, br';

function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'gzip') return gunzipSync(body);
  return body;
}

function call(url: string, path: string, body: unknown, token?: string, method = 'POST'): Promise<Answer> {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve) => {
    const fail = (error: unknown) =>
      resolve({ status: 0, body: { reason: String(error) }, ms: performance.now() - started });
    const req = request(
      `${url}${path}`,
      {
        method,
        agent,
        headers: {
          ...(text === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          'accept-encoding': ACCEPT_ENCODING,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        res.on('end', () => {
          const ms = performance.now() - started;
          try {
            const answer = decode(Buffer.concat(chunks), res.headers['content-encoding']).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: answer ? JSON.parse(answer) : {}, ms });
          } catch (error) {
            fail(error);
          }
        });
      },
    );
    req.on('error', fail);
    req.end(text);
  });
}

function must(answer: Answer, what: string): Record<string, unknown> {
  if (answer.status !== 200) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A device's clock: stamps that sort in the order it makes them. */
function stamper(node: string) {
  let counter = 0;
  const ms = Date.now();
  return () => formatHlc({ ms, counter: counter++, node });
}

function record(stamp: () => string, type: string, fields: Record<string, unknown>, id = uuidv7()): Change {
  const s = stamp();
  return { id, type, fields, stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, s])) };
}

type Device = {
  url: string;
  token: string;
  role: 'mentor' | 'mentee';
  cursor: string | null;
  /** What this device pushes during the burst. */
  changes: Change[];
};

/** What the burst must leave in the school, by record id. */
type Expected = Map<string, { type: string; fields: Record<string, unknown> }>;

async function pushAll(url: string, token: string, changes: Change[]): Promise<void> {
  for (let i = 0; i < changes.length; i += 500) {
    const body = must(
      await call(url, '/api/v1/sync', { cursor: null, changes: changes.slice(i, i + 500) }, token),
      'set-up push',
    );
    if ((body.rejected as unknown[]).length)
      throw new Error(`set-up rejected: ${JSON.stringify(body.rejected)}`);
  }
}

async function pullToEnd(device: Device, latencies: number[] | null, errors: string[]): Promise<void> {
  for (let page = 0; page < 1_000; page++) {
    const answer = await call(
      device.url,
      '/api/v1/sync',
      { cursor: device.cursor, changes: [] },
      device.token,
    );
    latencies?.push(answer.ms);
    if (answer.status !== 200) {
      errors.push(`pull ${answer.status} ${String(answer.body.reason ?? '')}`);
      return;
    }
    const body = answer.body as unknown as SyncResponse;
    device.cursor = body.cursor;
    if (!body.hasMore) return;
  }
}

/** A school of `devices / 2` pairs, each with an IDP of `changes` tasks; every member enrolled. */
async function setUpSchool(target: Target, options: Options) {
  const url = target.urls[0] as string;
  const stamp = stamper('bench-curator');
  const curator = must(
    await call(url, '/api/v1/enrol', { code: target.bootstrapCode, deviceName: 'curator' }),
    'curator enrol',
  );
  const curatorToken = curator.token as string;
  const pairs = options.devicesPerSchool / 2;
  const setUp: Change[] = [];
  const members: { personId: string; role: 'mentor' | 'mentee'; pairId: string; taskIds: string[] }[] = [];
  for (let p = 0; p < pairs; p++) {
    const mentor = record(stamp, 'person', { fullName: `Наставник ${p}`, kind: 'teacher' });
    const mentee = record(stamp, 'person', {
      fullName: `Ученик ${p}`,
      kind: 'student',
      classOrSubject: '8А',
    });
    const pair = record(stamp, 'pair', {
      mentorId: mentor.id,
      menteeIds: [mentee.id],
      form: 'учитель–ученик',
      status: 'active',
    });
    // One IDP per mentee of a pair, under the id the app derives (domain/one-of-a-kind.ts).
    const plan = record(
      stamp,
      'plan',
      { pairId: pair.id, menteeId: mentee.id, title: 'ИПР' },
      derivedId('plan', pair.id, mentee.id),
    );
    const tasks = Array.from({ length: options.changesPerDevice }, (_, t) =>
      record(stamp, 'task', { planId: plan.id, title: `Задача ${t + 1}`, status: 'todo', due: null }),
    );
    setUp.push(mentor, mentee, pair, plan, ...tasks);
    members.push({ personId: mentor.id, role: 'mentor', pairId: pair.id, taskIds: [] });
    members.push({ personId: mentee.id, role: 'mentee', pairId: pair.id, taskIds: tasks.map((t) => t.id) });
  }
  await pushAll(url, curatorToken, setUp);

  const expected: Expected = new Map(setUp.map((c) => [c.id, { type: c.type, fields: { ...c.fields } }]));
  const devices: Device[] = [];
  for (const [i, member] of members.entries()) {
    const deviceUrl = target.urls[i % target.urls.length] as string;
    const invite = must(
      await call(url, '/api/v1/invites', { personId: member.personId, role: member.role }, curatorToken),
      'invite',
    );
    const enrolled = must(
      await call(deviceUrl, '/api/v1/enrol', { code: invite.code, deviceName: `device ${i}` }),
      'enrol',
    );
    const s = stamper(`bench-${i}`);
    const changes =
      member.role === 'mentor'
        ? Array.from({ length: options.changesPerDevice }, (_, m) =>
            record(s, 'meeting', {
              pairId: member.pairId,
              date: new Date(Date.UTC(2026, 8, 1 + m)).toISOString().slice(0, 10),
              kind: m === 0 ? 'organisational' : 'regular',
              durationMin: 45,
              notes: `Встреча ${m + 1}: обсудили цели, план и трудности недели`,
              status: 'held',
            }),
          )
        : member.taskIds.map((id) => record(s, 'task', { status: 'done', evidence: 'Сделано' }, id));
    for (const c of changes) {
      const before = expected.get(c.id);
      expected.set(c.id, { type: c.type, fields: { ...before?.fields, ...c.fields } });
    }
    devices.push({
      url: deviceUrl,
      token: enrolled.token as string,
      role: member.role,
      cursor: null,
      changes,
    });
  }
  // Every device has synced once before the burst, as a phone does right after enrolment.
  const errors: string[] = [];
  for (const device of devices) await pullToEnd(device, null, errors);
  if (errors.length) throw new Error(`set-up pulls failed: ${errors[0]}`);
  return { curatorToken, devices, expected };
}

type BurstResult = { latencies: number[]; errors: string[]; rejected: number; wallMs: number };

/** Every device at once: push its changes, then pull until nothing is left. */
async function burst(devices: Device[]): Promise<BurstResult> {
  const latencies: number[] = [];
  const errors: string[] = [];
  let rejected = 0;
  // The pushes are JSON before the clock starts: what is timed is the server's answer.
  const bodies = devices.map((device) => JSON.stringify({ cursor: device.cursor, changes: device.changes }));
  const started = performance.now();
  await Promise.all(
    devices.map(async (device, i) => {
      const answer = await call(device.url, '/api/v1/sync', bodies[i], device.token);
      latencies.push(answer.ms);
      if (answer.status !== 200) {
        errors.push(`push ${answer.status} ${String(answer.body.reason ?? '')}`);
        return;
      }
      const body = answer.body as unknown as SyncResponse;
      rejected += body.rejected.length;
      device.cursor = body.cursor;
      // Then it pulls (what the others pushed meanwhile) until nothing is left.
      await pullToEnd(device, latencies, errors);
    }),
  );
  return { latencies, errors, rejected, wallMs: performance.now() - started };
}

/**
 * The floor of the same burst: every device at once, two requests each as in the burst, to the health
 * check (no token, no storage, a 40-byte answer). What the machine's HTTP alone costs, client included:
 * the burst's latencies can come no closer to zero than this.
 */
async function httpFloor(devices: Device[]): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    devices.map(async (device) => {
      for (let i = 0; i < 2; i++)
        latencies.push((await call(device.url, '/api/v1/health', undefined, undefined, 'GET')).ms);
    }),
  );
  return { latencies, wallMs: performance.now() - started };
}

/** Compares the school's export with what was sent: per type, how many are there, lost, duplicated or wrong. */
async function audit(url: string, curatorToken: string, expected: Expected) {
  const exported = must(await call(url, '/api/v1/export', undefined, curatorToken, 'GET'), 'export');
  const records = exported.records as SyncedRecord[];
  const byType = new Map<string, { stored: number; expected: number; lost: number; wrong: number }>();
  const row = (type: string) => {
    const r = byType.get(type) ?? { stored: 0, expected: 0, lost: 0, wrong: 0 };
    byType.set(type, r);
    return r;
  };
  const ids = new Map<string, number>();
  for (const r of records) {
    row(r.type).stored += 1;
    ids.set(r.id, (ids.get(r.id) ?? 0) + 1);
  }
  const duplicated = [...ids.values()].filter((n) => n > 1).length;
  const stored = new Map(records.map((r) => [r.id, r]));
  for (const [id, want] of expected) {
    const r = row(want.type);
    r.expected += 1;
    const got = stored.get(id);
    if (!got || got.deleted !== undefined) r.lost += 1;
    else if (
      Object.entries(want.fields).some(([k, v]) => JSON.stringify(got.fields[k]) !== JSON.stringify(v))
    )
      r.wrong += 1;
  }
  return { byType, duplicated, total: records.length };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number)
    : 0;

/** The schools of the run: the server's own first school, or the district's, made by its administrator. */
async function targets(options: Options, urls: string[], bootstrapCode: string): Promise<Target[]> {
  if (!options.isDistrict) return [{ name: 'school 1', urls, bootstrapCode }];
  const admin = must(
    await call(urls[0] as string, '/api/v1/enrol', { code: DISTRICT_CODE, deviceName: 'district' }),
    'district administrator enrol',
  );
  const made: Target[] = [];
  for (let i = 0; i < options.schools; i++) {
    const school = must(
      await call(
        urls[0] as string,
        '/api/v1/district/schools',
        { name: `Школа № ${i + 1}` },
        admin.token as string,
      ),
      'make a school',
    );
    // Each school's devices go through every process in turn (see setUpSchool).
    made.push({ name: `school ${i + 1}`, urls, bootstrapCode: school.code as string });
  }
  return made;
}

async function main() {
  const options = await readOptions();
  const bootstrapCode = 'BENCH-BOOT';
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < options.processes; i++)
      servers.push(await startServer(bootstrapCode, options.databaseUrl));
    const schoolsToRun = await targets(
      options,
      servers.map((s) => s.url),
      bootstrapCode,
    );
    const setUpStarted = performance.now();
    const schools = [];
    for (const target of schoolsToRun) schools.push(await setUpSchool(target, options));
    const setUpMs = performance.now() - setUpStarted;
    // A second of quiet: the set-up's writes settle, and a CPU profile shows the burst apart from them.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // SQLite in one process: the storage layer's share of the burst is measured after it (below).
    const sqliteFile =
      options.databaseUrl === null ? join(servers[0]?.dataDir as string, 'nastavnik.sqlite') : null;
    const revBefore = sqliteFile ? latestRevision(sqliteFile) : 0;
    const cpuBefore = servers.map((s) => cpuMs(s));
    const mainBefore = servers.map((s) => cpuMs(s, true));
    const clientBefore = process.cpuUsage();
    const result = await burst(schools.flatMap((s) => s.devices));
    const clientCpu = process.cpuUsage(clientBefore);
    const cpuAfter = servers.map((s) => cpuMs(s));
    const serverCpu = cpuBetween(cpuBefore, cpuAfter);
    const mainCpu = cpuBetween(
      mainBefore,
      servers.map((s) => cpuMs(s, true)),
    );
    const floor = await httpFloor(schools.flatMap((s) => s.devices));
    const floorCpu = cpuBetween(
      cpuAfter,
      servers.map((s) => cpuMs(s)),
    );
    const storage = sqliteFile ? await storageFloor(sqliteFile, revBefore) : null;
    const checks = [];
    for (const [i, school] of schools.entries())
      checks.push(await audit(schoolsToRun[i]?.urls[0] as string, school.curatorToken, school.expected));
    const check = mergeAudits(checks);

    const sorted = [...result.latencies].sort((a, b) => a - b);
    const ms = (x: number) => `${Math.round(x)} ms`;
    const out = process.stdout;
    const engine = options.databaseUrl?.startsWith('postgres') ? 'PostgreSQL' : 'SQLite';
    out.write(
      `\nSync server under load: ${options.devicesPerSchool * options.schools} devices in ${options.schools} school${options.schools > 1 ? 's' : ''}, ${options.processes} server process${options.processes > 1 ? 'es' : ''} on ${engine}, ${options.changesPerDevice} changes each, all at once\n`,
    );
    out.write(`  set-up (schools, enrolment, first pulls): ${ms(setUpMs)}\n`);
    out.write(
      `  burst: ${sorted.length} requests in ${ms(result.wallMs)}${serverCpu === null ? '' : `, server CPU ${ms(serverCpu)}${mainCpu === null ? '' : ` (main thread ${ms(mainCpu)})`}`}, the devices' CPU ${ms((clientCpu.user + clientCpu.system) / 1000)} (load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)\n`,
    );
    out.write(
      `  latency p50 ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1) ?? 0)}\n`,
    );
    const floorSorted = [...floor.latencies].sort((a, b) => a - b);
    out.write(
      `  HTTP floor (the same ${floorSorted.length} requests at once to the health check): ${ms(floor.wallMs)}${floorCpu === null ? '' : `, server CPU ${ms(floorCpu)}`}; p50 ${ms(percentile(floorSorted, 50))}, p95 ${ms(percentile(floorSorted, 95))}\n`,
    );
    if (storage)
      out.write(
        `  storage floor (the burst's ${storage.records} records written again through the storage layer, one transaction, one thread): CPU ${ms(storage.cpuMs)}\n`,
      );
    out.write(
      `  errors: ${result.errors.length}${result.errors.length ? ` (first: ${result.errors[0]})` : ''}\n`,
    );
    out.write(`  rejected changes: ${result.rejected}\n`);
    out.write(`  records afterwards (${check.total} in all, ${check.duplicated} ids twice):\n`);
    out.write('    type            stored  sent  lost  wrong\n');
    for (const [type, r] of [...check.byType].sort(([a], [b]) => a.localeCompare(b))) {
      out.write(
        `    ${type.padEnd(14)} ${String(r.stored).padStart(7)} ${String(r.expected).padStart(5)} ${String(r.lost).padStart(5)} ${String(r.wrong).padStart(6)}\n`,
      );
    }
    const isLost = [...check.byType.values()].some((r) => r.lost > 0 || r.wrong > 0) || check.duplicated > 0;
    if (isLost || result.errors.length || result.rejected) process.exitCode = 1;
  } finally {
    for (const server of servers) await stopServer(server);
    options.stop?.();
  }
}

/** The schools' audits as one: counts added up type by type. */
function mergeAudits(audits: Awaited<ReturnType<typeof audit>>[]) {
  const byType = new Map<string, { stored: number; expected: number; lost: number; wrong: number }>();
  for (const a of audits)
    for (const [type, r] of a.byType) {
      const sum = byType.get(type) ?? { stored: 0, expected: 0, lost: 0, wrong: 0 };
      byType.set(type, {
        stored: sum.stored + r.stored,
        expected: sum.expected + r.expected,
        lost: sum.lost + r.lost,
        wrong: sum.wrong + r.wrong,
      });
    }
  return {
    byType,
    duplicated: audits.reduce((n, a) => n + a.duplicated, 0),
    total: audits.reduce((n, a) => n + a.total, 0),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
