// Devices join a school with a one-time invite code; the very first curator with a bootstrap code.
import { randomUUID } from 'node:crypto';
import { grantsFor, readableCopy, readKeys, type Viewer } from '../domain/access';
import { BUILTIN_TEMPLATES } from '../domain/forms/builtin-templates';
import { emptyRecord, type SyncedRecord } from '../domain/record';
import type { EnrolResponse, Role } from '../domain/sync-contract';
import { parentsOf, referenceIds } from './record-links';
import { scopeFacts } from './scope';
import { derivedId, hashSecret, newInviteCode, newToken, normaliseCode } from './secrets';
import type { ServerClock } from './server-clock';
import type { Storage, StorageTx } from './storage/storage';

const DAY_MS = 24 * 60 * 60 * 1000;
export const INVITE_TTL_MS = 7 * DAY_MS;
const BOOTSTRAP_TTL_MS = 30 * DAY_MS;

export type Bootstrap = { schoolId: string; code: string | null };

async function createServerRecord(
  tx: StorageTx,
  clock: ServerClock,
  schoolId: string,
  record: Omit<SyncedRecord, 'stamps'>,
) {
  const stamp = clock.stamp();
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
    await createServerRecord(tx, clock, schoolId, {
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
    });
  }
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
    let [school] = await tx.listSchools();
    if (!school) {
      school = { id: randomUUID(), name: 'Школа' };
      await tx.createSchool(school.id, school.name, new Date(clock.now()).toISOString());
    }
    await seedBuiltinTemplates(tx, clock, school.id);
    if (await tx.hasDeviceWithRole('curator')) return { schoolId: school.id, code: null };
    const personId = derivedId('first-curator');
    if (!(await tx.getRecord(school.id, personId))) {
      await createServerRecord(tx, clock, school.id, {
        id: personId,
        type: 'person',
        fields: { fullName: 'Куратор программы', kind: 'teacher' },
      });
    }
    await tx.dropBootstrapInvites();
    const code = givenCode?.trim() || newInviteCode();
    await tx.addInvite({
      codeHash: hashSecret(normaliseCode(code)),
      schoolId: school.id,
      personId,
      role: 'curator',
      expiresAt: new Date(clock.now() + BOOTSTRAP_TTL_MS).toISOString(),
      usedAt: null,
      isBootstrap: true,
    });
    return { schoolId: school.id, code };
  });
}

/** How long a code made by `npm run curator-code` stays valid: an administrator uses it at once. */
export const RECOVERY_TTL_MS = DAY_MS;

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
    const schools = await tx.listSchools();
    const school = schoolId ? schools.find((s) => s.id === schoolId) : schools[0];
    if (!school)
      return { error: schoolId ? `no school ${schoolId}` : 'no school yet: start the server first' };
    if (!schoolId && schools.length > 1)
      return { error: `name the school: ${schools.map((s) => `${s.id} (${s.name})`).join(', ')}` };
    let personId = derivedId('first-curator');
    const row = await tx.getRecord(school.id, personId);
    if (!row || row.record.deleted !== undefined || row.record.fields.archived === true) {
      if (row) personId = randomUUID();
      await createServerRecord(tx, clock, school.id, {
        id: personId,
        type: 'person',
        fields: { fullName: 'Куратор программы', kind: 'teacher' },
      });
    }
    const code = newInviteCode();
    const expiresAt = new Date(clock.now() + RECOVERY_TTL_MS).toISOString();
    await tx.addInvite({
      codeHash: hashSecret(normaliseCode(code)),
      schoolId: school.id,
      personId,
      role: 'curator',
      expiresAt,
      usedAt: null,
      isBootstrap: false,
    });
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
): Promise<InviteResult> {
  return storage.transaction(async (tx) => {
    const row = await tx.getRecord(schoolId, personId);
    if (row?.record.type !== 'person' || row.record.deleted !== undefined) {
      return { ok: false, status: 404, reason: `person ${personId} does not exist` };
    }
    const code = newInviteCode();
    const expiresAt = new Date(clock.now() + INVITE_TTL_MS).toISOString();
    await tx.addInvite({
      codeHash: hashSecret(normaliseCode(code)),
      schoolId,
      personId,
      role,
      expiresAt,
      usedAt: null,
      isBootstrap: false,
    });
    return { ok: true, code, expiresAt };
  });
}

export type EnrolResult = { ok: true; body: EnrolResponse } | { ok: false; reason: string };

export async function enrol(
  storage: Storage,
  clock: ServerClock,
  code: string,
  deviceName: string,
): Promise<EnrolResult> {
  return storage.transaction(async (tx) => {
    const codeHash = hashSecret(normaliseCode(code));
    const invite = await tx.inviteByCode(codeHash);
    const now = clock.now();
    if (!invite || invite.usedAt !== null || Date.parse(invite.expiresAt) < now) {
      return { ok: false, reason: 'this code is not valid: it may be mistyped, used already or expired' };
    }
    const person = await tx.getRecord(invite.schoolId, invite.personId);
    if (!person || person.record.deleted !== undefined)
      return { ok: false, reason: 'the person of this code no longer exists' };
    if (person.record.fields.archived === true)
      return { ok: false, reason: 'the person of this code was archived: ask the curator' };
    await tx.useInvite(codeHash, new Date(now).toISOString());
    const token = newToken();
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
  });
}
