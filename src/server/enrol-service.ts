// Devices join a school with a one-time invite code; the very first curator with a bootstrap code.
import { randomUUID } from 'node:crypto';
import { grantsFor, readableCopy, readKeys, type Viewer } from '../domain/access';
import { defaultStamp } from '../domain/defaults';
import { normaliseCode } from '../domain/invite-code';
import { FIRST_CURATOR_NAME } from '../domain/person-name';
import { BUILTIN_TEMPLATES } from '../domain/questionnaires/builtin-templates';
import { emptyRecord, type SyncedRecord } from '../domain/record';
import type { AnyRole, EnrolResponse, Role } from '../domain/sync-contract';
import { standingOf } from './caller-standing';
import { DISTRICT_ID, FIRST_SCHOOL_ID } from './namespaces';
import { parentsOf, referenceIds } from './record-links';
import { scopeFacts } from './scope';
import { derivedId, hashSecret, newInviteCode, newToken } from './secrets';
import { SERVER_NODE, type ServerClock } from './server-clock';
import type { Invite, Storage, StorageTx } from './storage/storage';

const DAY_MS = 24 * 60 * 60 * 1000;
export const INVITE_TTL_MS = 7 * DAY_MS;
const BOOTSTRAP_TTL_MS = 30 * DAY_MS;

export type Bootstrap = { schoolId: string; code: string | null };

/**
 * A record the server writes itself, whole. `seed`: its values are defaults, not edits (the first curator,
 * the built-in questionnaires; see domain/defaults.ts), so any edit a curator makes wins over them, even
 * one made on a device whose clock is behind the server's, or one restored from a backup taken before
 * this server started. Otherwise (a district's summary, a district member) it is the server's own
 * edit, stamped by its clock.
 */
export async function createServerRecord(
  tx: StorageTx,
  clock: ServerClock,
  schoolId: string,
  record: Omit<SyncedRecord, 'stamps'>,
  kind: 'seed' | 'edit' = 'edit',
) {
  const stamp =
    kind === 'seed'
      ? defaultStamp(SERVER_NODE)
      : clock.stampPast((await tx.getRecord(schoolId, record.id))?.record);
  const stamps = Object.fromEntries(Object.keys(record.fields).map((k) => [k, stamp]));
  const full: SyncedRecord = { ...record, stamps };
  const fieldRevs = Object.fromEntries(Object.keys(record.fields).map((k) => [k, 0]));
  await tx.putRecord(
    schoolId,
    { record: full, fieldRevs, parents: parentsOf(full) },
    readKeys(full),
    referenceIds(full),
  );
}

/** The programme's questionnaires, in every school from the start; a curator copies and edits them. */
async function seedBuiltinTemplates(tx: StorageTx, clock: ServerClock, schoolId: string): Promise<void> {
  for (const t of BUILTIN_TEMPLATES) {
    // The same ids in every school and on every server, so that a backup restores onto a new server as is.
    const id = derivedId('builtin-template', t.key);
    if (await tx.getRecord(schoolId, id)) continue;
    await createServerRecord(
      tx,
      clock,
      schoolId,
      {
        id,
        type: 'formTemplate',
        fields: {
          title: t.title,
          description: t.description,
          kind: t.key,
          sections: [],
          questions: t.questions,
          visibleToMentor: false,
          version: 1,
          builtIn: t.key,
          previousId: null,
          archived: false,
        },
      },
      'seed',
    );
  }
}

/** The ids of what `seedSchool` makes in every school: what a school that holds no data yet holds. */
export const SEEDED_IDS: ReadonlySet<string> = new Set([
  derivedId('first-curator'),
  ...BUILTIN_TEMPLATES.map((t) => derivedId('builtin-template', t.key)),
]);

/** A school's questionnaires and its first curator's person; answers that person's id. */
export async function seedSchool(tx: StorageTx, clock: ServerClock, schoolId: string): Promise<string> {
  await seedBuiltinTemplates(tx, clock, schoolId);
  const personId = derivedId('first-curator');
  if (!(await tx.getRecord(schoolId, personId))) {
    await createServerRecord(
      tx,
      clock,
      schoolId,
      { id: personId, type: 'person', fields: { fullName: FIRST_CURATOR_NAME, kind: 'teacher' } },
      'seed',
    );
  }
  return personId;
}

/**
 * Stores a one-time code for `personId` to enrol with as `role`; answers the code to show. A code
 * given (from the environment) replaces an unused one of the same text, expiry and all; a random code
 * is drawn again in the (1 in 2^60) case that it is live anywhere on the server, so that a code always
 * names one school.
 */
export async function issueInvite(
  tx: StorageTx,
  clock: ServerClock,
  schoolId: string,
  personId: string,
  role: AnyRole,
  options: { ttlMs: number; givenCode?: string; isBootstrap?: boolean; madeBy?: Invite['madeBy'] },
): Promise<string> {
  let code = options.givenCode?.trim() || newInviteCode();
  if (options.givenCode?.trim()) await tx.dropUnusedInvite(schoolId, hashSecret(normaliseCode(code)));
  while (!options.givenCode?.trim() && (await tx.inviteByCode(hashSecret(normaliseCode(code)))))
    code = newInviteCode();
  await tx.addInvite({
    codeHash: hashSecret(normaliseCode(code)),
    schoolId,
    personId,
    role,
    expiresAt: new Date(clock.now() + options.ttlMs).toISOString(),
    usedAt: null,
    isBootstrap: options.isBootstrap ?? false,
    madeBy: options.madeBy ?? null,
  });
  return code;
}

/**
 * On a server where no curator has enrolled yet, (re)issues the bootstrap code: the given one, or a new
 * random one printed at start. Once a curator has enrolled, there is none.
 */
export async function bootstrap(
  storage: Storage,
  clock: ServerClock,
  givenCode?: string,
): Promise<Bootstrap> {
  return storage.transaction(async (tx) => {
    // The first school has the same id on every server, so that two processes starting at once on one
    // database make one school, not two.
    const school = (await tx.listSchools()).find((x) => x.id !== DISTRICT_ID) ?? {
      id: FIRST_SCHOOL_ID,
      name: 'Школа',
    };
    await tx.createSchool(school.id, school.name, new Date(clock.now()).toISOString());
    await tx.lockSchool(school.id);
    const personId = await seedSchool(tx, clock, school.id);
    if (await tx.hasDeviceWithRole(school.id, 'curator')) return { schoolId: school.id, code: null };
    // Every process that starts before the first curator enrols prints a code of its own, and each
    // stays valid until the first curator enrols with one of them (see enrol).
    const code = await issueInvite(tx, clock, school.id, personId, 'curator', {
      givenCode,
      isBootstrap: true,
      ttlMs: BOOTSTRAP_TTL_MS,
    });
    return { schoolId: school.id, code };
  });
}

/** How long a code made by `npm run curator-code` stays valid: an administrator uses it at once. */
const RECOVERY_TTL_MS = DAY_MS;

export type RecoveryCode = { code: string; expiresAt: string; schoolId: string; personId: string };

/**
 * A new curator code, for an administrator with access to the server machine (`npm run curator-code`):
 * the way back in when no curator can sign in (devices lost or revoked, the curator archived). It enrols
 * as the programme's first curator record, which is made again (as a new record) if it was deleted or
 * archived. Works once, for 24 hours. `schoolId` is needed only when the server holds several schools.
 */
export async function issueCuratorCode(
  storage: Storage,
  clock: ServerClock,
  schoolId?: string,
): Promise<RecoveryCode | { error: string }> {
  return storage.transaction(async (tx) => {
    const schools = (await tx.listSchools()).filter((s) => s.id !== DISTRICT_ID);
    const school = schoolId ? schools.find((s) => s.id === schoolId) : schools[0];
    if (!school)
      return { error: schoolId ? `no school ${schoolId}` : 'no school yet: start the server first' };
    if (!schoolId && schools.length > 1)
      return { error: `name the school: ${schools.map((s) => `${s.id} (${s.name})`).join(', ')}` };
    await tx.lockSchool(school.id);
    let personId = derivedId('first-curator');
    const row = await tx.getRecord(school.id, personId);
    if (!row || row.record.deleted !== undefined || row.record.fields.archived === true) {
      // Under an id of the kind the server derives, as every record it makes: a restore takes the
      // server's stamps on those only (restore-service.ts), and the school's backup holds this one.
      if (row) personId = derivedId('recovery-curator', randomUUID());
      await createServerRecord(tx, clock, school.id, {
        id: personId,
        type: 'person',
        fields: { fullName: FIRST_CURATOR_NAME, kind: 'teacher' },
      });
    }
    const code = await issueInvite(tx, clock, school.id, personId, 'curator', { ttlMs: RECOVERY_TTL_MS });
    const expiresAt = new Date(clock.now() + RECOVERY_TTL_MS).toISOString();
    return { code, expiresAt, schoolId: school.id, personId };
  });
}

export type InviteResult =
  | { ok: true; code: string; expiresAt: string }
  | { ok: false; status: number; reason: string };

export async function createInvite(
  storage: Storage,
  clock: ServerClock,
  schoolId: string,
  personId: string,
  role: Role,
  madeBy: NonNullable<Invite['madeBy']>,
): Promise<InviteResult> {
  return storage.transaction(async (tx) => {
    const row = await tx.getRecord(schoolId, personId);
    if (row?.record.type !== 'person' || row.record.deleted !== undefined) {
      return { ok: false, status: 404, reason: `person ${personId} does not exist` };
    }
    const code = await issueInvite(tx, clock, schoolId, personId, role, { ttlMs: INVITE_TTL_MS, madeBy });
    return { ok: true, code, expiresAt: new Date(clock.now() + INVITE_TTL_MS).toISOString() };
  });
}

export type EnrolResult = { ok: true; body: EnrolResponse } | { ok: false; reason: string };

/** Enrols a device with `code`, inside the transaction the enrolment limiter runs (it counts wrong codes). */
export async function enrolWithin(
  tx: StorageTx,
  clock: ServerClock,
  code: string,
  deviceName: string,
): Promise<EnrolResult> {
  const codeHash = hashSecret(normaliseCode(code));
  const invite = await tx.inviteByCode(codeHash);
  const now = clock.now();
  if (!invite || invite.usedAt !== null || Date.parse(invite.expiresAt) < now) {
    return { ok: false, reason: 'this code is not valid: it may be mistyped, used already or expired' };
  }
  // One writer of the school at a time, as a push: an erasure of the person that commits meanwhile is
  // seen (its device would keep its name, unrevoked), and so is a curator enrolled meanwhile (the
  // district's code for a school without one would make a second curator).
  await tx.lockSchool(invite.schoolId);
  const person = await tx.getRecord(invite.schoolId, invite.personId);
  if (!person || person.record.deleted !== undefined)
    return { ok: false, reason: 'the person of this code no longer exists' };
  if (person.record.fields.archived === true)
    return { ok: false, reason: 'the person of this code was archived: ask the curator' };
  // A code works only while the device that asked for it does: revoking a lost or departing phone (or
  // archiving its person) leaves no code it made that still lets someone in.
  if (
    invite.madeBy &&
    (await standingOf(tx, await tx.deviceInUse(invite.madeBy.schoolId, invite.madeBy.deviceId))) !==
      'enrolled'
  ) {
    // Dead for good, as it says: its maker brought back from the archive does not bring it back.
    await tx.dropUnusedInvite(invite.schoolId, codeHash);
    return { ok: false, reason: 'the device this code was made on was disconnected: ask for a new code' };
  }
  if (!(await tx.useInvite(invite.schoolId, codeHash, new Date(now).toISOString())))
    return { ok: false, reason: 'this code is not valid: it may be mistyped, used already or expired' };
  // The first curator is in: the other bootstrap codes printed (by other processes or restarts) go.
  if (invite.isBootstrap) await tx.dropBootstrapInvites(invite.schoolId);
  const token = newToken(invite.schoolId);
  const deviceId = randomUUID();
  await tx.addDevice(
    {
      id: deviceId,
      schoolId: invite.schoolId,
      personId: invite.personId,
      role: invite.role,
      name: deviceName,
      createdAt: new Date(now).toISOString(),
      lastSeenAt: null,
      revokedAt: null,
    },
    hashSecret(token),
  );
  // What the person may read of their own record, by the rule every route follows: a minor without a
  // valid parental consent gets nothing (their data stays with curators, their own device included),
  // and no one but curators reads the fields that are curators' only.
  const viewer: Viewer = { personId: invite.personId, isCurator: invite.role === 'curator' };
  const grants = viewer.isCurator
    ? new Set<string>()
    : grantsFor(viewer, await scopeFacts(tx, invite.schoolId, invite.personId));
  const record =
    readableCopy(person.record, readKeys(person.record), viewer, grants) ??
    emptyRecord(person.record.id, 'person');
  return {
    ok: true,
    body: { token, person: record, role: invite.role, schoolId: invite.schoolId, deviceId },
  };
}
