// A district on one server: its administrator makes schools, each with its first curator's code, and
// invites the district's people who watch the schools' figures. The district has a namespace of its own
// (DISTRICT_ID) that holds its people and one `schoolSummary` per school, which its devices pull with
// the same sync as everyone else, and so read offline. Only the server writes there.
import { createHmac, randomUUID } from 'node:crypto';
import { schoolFigures } from '../domain/district-summary';
import { monitoringFacts, type SchoolRecords } from '../domain/monitoring-facts';
import { isOfType, type SyncedRecord } from '../domain/record';
import { PROGRAMME_ID } from '../domain/record-type-names';
import type { RecordType } from '../domain/record-types';
import { schoolYearOf } from '../domain/school-year';
import type { DistrictRole } from '../domain/sync-contract';
import { createServerRecord, INVITE_TTL_MS, issueInvite, seedSchool } from './enrol-service';
import { DISTRICT_ID } from './namespaces';
import { derivedId } from './secrets';
import type { ServerClock } from './server-clock';
import type { Invite, Storage, StorageTx } from './storage/storage';

const DISTRICT_ADMIN_ID = derivedId('district-admin');
const DAY_MS = 24 * 60 * 60 * 1000;

export type SchoolRow = { id: string; name: string; createdAt: string; hasCurator: boolean };

/**
 * The server does not know each school's time zone: a meeting dated today counts as soon as it is
 * today anywhere (UTC+14), so a school east of the server is never a day behind in its figures.
 */
const schoolToday = (ms: number) => new Date(ms + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
const live = (r: SyncedRecord) => r.deleted === undefined;

/**
 * Makes the district's namespace and its administrator on a new server, and while no administrator has
 * a working device (none enrolled yet, or all revoked), issues their code: `givenCode`
 * (NASTAVNIK_DISTRICT_CODE) or a new one to print.
 */
export async function bootstrapDistrict(
  storage: Storage,
  clock: ServerClock,
  givenCode?: string,
): Promise<{ code: string | null }> {
  return storage.transaction(async (tx) => {
    await tx.createSchool(DISTRICT_ID, 'Район', new Date(clock.now()).toISOString());
    await tx.lockSchool(DISTRICT_ID);
    // Only a device that still works counts: with every administrator's device revoked (the last one
    // lost), a restart of the server prints a new code — the district's way back in.
    const devices = await tx.listDevices(DISTRICT_ID);
    if (devices.some((d) => d.role === 'district-admin' && !d.revokedAt)) return { code: null };
    if (!(await tx.getRecord(DISTRICT_ID, DISTRICT_ADMIN_ID))) {
      await createServerRecord(
        tx,
        clock,
        DISTRICT_ID,
        {
          id: DISTRICT_ADMIN_ID,
          type: 'person',
          fields: { fullName: 'Администратор района', kind: 'other' },
        },
        'seed',
      );
    }
    const code = await issueInvite(tx, clock, DISTRICT_ID, DISTRICT_ADMIN_ID, 'district-admin', {
      givenCode,
      isBootstrap: true,
      ttlMs: 30 * DAY_MS,
    });
    return { code };
  });
}

/** Every school of the server (not the district's namespace), oldest first. */
export async function listDistrictSchools(storage: Storage): Promise<SchoolRow[]> {
  return storage.transaction(async (tx) => {
    const rows: SchoolRow[] = [];
    for (const school of await tx.listSchools()) {
      if (school.id === DISTRICT_ID) continue;
      rows.push({
        ...school,
        name: await schoolName(tx, school.id, school.name),
        hasCurator: await tx.hasDeviceWithRole(school.id, 'curator'),
      });
    }
    return rows;
  });
}

/** A new school with its questionnaires and first curator; answers that curator's one-time code. */
export async function createDistrictSchool(
  storage: Storage,
  clock: ServerClock,
  name: string,
  madeBy: NonNullable<Invite['madeBy']>,
): Promise<{ school: { id: string; name: string }; code: string; expiresAt: string }> {
  return storage.transaction(async (tx) => {
    const id = randomUUID();
    await tx.createSchool(id, name, new Date(clock.now()).toISOString());
    await tx.lockSchool(id);
    const curatorId = await seedSchool(tx, clock, id);
    // The name the district gave the school is the programme's, for its orders, forms and reports, until
    // its curator types another: as an edit of the server's, it wins over a device's empty default.
    await createServerRecord(tx, clock, id, {
      id: PROGRAMME_ID,
      type: 'programme',
      // With the school year, which a programme record cannot be without (a device's push to a record
      // lacking it is refused): the year of the school's day of creation, until a curator types another.
      fields: {
        schoolName: name,
        schoolYear: schoolYearOf(new Date(clock.now()).toISOString().slice(0, 10)),
      },
    });
    // A first curator's code, like the one a server prints: the first to enrol makes the others go.
    const code = await issueInvite(tx, clock, id, curatorId, 'curator', {
      ttlMs: INVITE_TTL_MS,
      isBootstrap: true,
      madeBy,
    });
    return {
      school: { id, name },
      code: code as string,
      expiresAt: new Date(clock.now() + INVITE_TTL_MS).toISOString(),
    };
  });
}

/**
 * A new code for a school's first curator (the first one was lost or expired before anyone enrolled);
 * null: no such school; 'has-curator': a curator enrolled already. The district reads numbers only: a
 * curator's code for a school that has one would open every child's record to whoever holds it. A school
 * whose curators are all gone gets its way back on the server machine (`npm run curator-code`).
 */
export async function newCuratorCode(
  storage: Storage,
  clock: ServerClock,
  schoolId: string,
  madeBy: NonNullable<Invite['madeBy']>,
): Promise<{ code: string; expiresAt: string } | null | 'has-curator'> {
  return storage.transaction(async (tx) => {
    if (schoolId === DISTRICT_ID || !(await tx.getSchool(schoolId))) return null;
    await tx.lockSchool(schoolId);
    if (await tx.hasDeviceWithRole(schoolId, 'curator')) return 'has-curator';
    const curatorId = await seedSchool(tx, clock, schoolId);
    // The new code replaces the lost one; whichever is used first, no spare stays to enrol later.
    await tx.dropBootstrapInvites(schoolId);
    const code = await issueInvite(tx, clock, schoolId, curatorId, 'curator', {
      ttlMs: INVITE_TTL_MS,
      isBootstrap: true,
      madeBy,
    });
    return { code: code as string, expiresAt: new Date(clock.now() + INVITE_TTL_MS).toISOString() };
  });
}

/** Someone of the district (a specialist of the education committee): a person and their code. */
export async function inviteDistrictMember(
  storage: Storage,
  clock: ServerClock,
  role: DistrictRole,
  fullName: string,
  madeBy: NonNullable<Invite['madeBy']>,
): Promise<{ personId: string; code: string; expiresAt: string }> {
  return storage.transaction(async (tx) => {
    await tx.lockSchool(DISTRICT_ID);
    const personId = randomUUID();
    await createServerRecord(tx, clock, DISTRICT_ID, {
      id: personId,
      type: 'person',
      fields: { fullName, kind: 'other' },
    });
    const code = await issueInvite(tx, clock, DISTRICT_ID, personId, role, { ttlMs: INVITE_TTL_MS, madeBy });
    return { personId, code: code as string, expiresAt: new Date(clock.now() + INVITE_TTL_MS).toISOString() };
  });
}

/** The name a school's curator gave it in the programme settings, else the district's name for it. */
async function schoolName(tx: StorageTx, schoolId: string, fallback: string): Promise<string> {
  const programme = (await tx.getRecord(schoolId, PROGRAMME_ID))?.record;
  const name = programme?.deleted === undefined ? programme?.fields.schoolName : undefined;
  return typeof name === 'string' && name.trim() ? name.trim() : fallback;
}

async function schoolRecords(tx: StorageTx, schoolId: string): Promise<SchoolRecords> {
  const of = async <T extends RecordType>(type: T) => (await tx.listByType(schoolId, type)).filter(live);
  const row = (await tx.getRecord(schoolId, PROGRAMME_ID))?.record;
  const programme = row && isOfType(row, 'programme') ? row : undefined;
  return {
    pairs: await of('pair'),
    people: await of('person'),
    meetings: await of('meeting'),
    plans: await of('plan'),
    tasks: await of('task'),
    templates: (await of('formTemplate')).filter((t) => t.fields.archived !== true),
    assignments: await of('formAssignment'),
    responses: await of('formResponse'),
    consents: await of('consent'),
    programme: programme && live(programme) ? programme : undefined,
  };
}

/**
 * Brings each school's summary up to date with its data: a school whose records changed since its
 * summary was made gets a new one, unless that one is younger than `minAgeMs` (a district's pull then
 * reads it as it is, so a busy school is not recomputed on every pull). Reads the schools, locks none
 * of them: only the district's namespace is written.
 */
/**
 * How a school's summary keeps an answer a figure was released from. The district reads the summary
 * whole: what a figure was released from is kept as keyed hashes (HMAC under a secret the server never
 * sends), never as answers — anyone who knows a pupil's id (their mentor, their group) could otherwise
 * try the ten answers against a plain hash.
 */
export async function summaryHider(tx: StorageTx, schoolId: string): Promise<(answer: string) => string> {
  const key = await tx.serverSecret('district-summary');
  return (answer) =>
    createHmac('sha256', key).update(`${schoolId}\u0000${answer}`).digest('base64url').slice(0, 16);
}

export async function refreshSummaries(
  storage: Storage,
  clock: ServerClock,
  minAgeMs: number,
): Promise<void> {
  const schools = await storage.transaction(async (tx) =>
    (await tx.listSchools()).filter((s) => s.id !== DISTRICT_ID),
  );
  for (const school of schools) {
    await storage.transaction(async (tx) => {
      const id = derivedId('school-summary', school.id);
      // Before the summary is read: a change that rewrites it meanwhile (an erased pupil's answers put
      // under other hashes, erasure.ts) would otherwise be undone by what this refresh read before it.
      await tx.lockSchool(DISTRICT_ID);
      const [rev, existing] = [await tx.latestRev(school.id), (await tx.getRecord(DISTRICT_ID, id))?.record];
      const at = existing?.fields.computedAt;
      if (existing && existing.fields.sourceRev === rev) return;
      if (existing && typeof at === 'string' && clock.now() - Date.parse(at) < minAgeMs) return;
      const today = schoolToday(clock.now());
      const hide = await summaryHider(tx, school.id);
      const figures = schoolFigures(
        monitoringFacts(await schoolRecords(tx, school.id), today),
        today,
        existing?.fields.satisfactionBasis,
        hide,
      );
      await createServerRecord(tx, clock, DISTRICT_ID, {
        id,
        type: 'schoolSummary',
        fields: {
          schoolId: school.id,
          schoolName: await schoolName(tx, school.id, school.name),
          computedAt: new Date(clock.now()).toISOString(),
          sourceRev: rev,
          ...figures,
        },
      });
    });
  }
}
