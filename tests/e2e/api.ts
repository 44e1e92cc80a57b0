// Set-up through the API for end-to-end tests: an admin curator enrolled by the global set-up makes
// the people and invite codes a test needs, so that each test starts from the state it describes.
import { readFileSync } from 'node:fs';
import { uuidv7 } from 'uuidv7';
import { E2E_PORT } from '../../playwright.config';
import { formatHlc } from '../../src/domain/hlc';
import { expectedIdOf } from '../../src/domain/one-of-a-kind';
import { derivedId } from '../../src/server/secrets';

/** Where the global set-up keeps the tokens of the admin curator and district administrator of the server on `port`. */
export const adminFile = (port: number) => `.tmp/e2e-admin-${port}.json`;
export const districtFile = (port: number) => `.tmp/e2e-district-${port}.json`;
const ADMIN_FILE = adminFile(E2E_PORT);
const DISTRICT_FILE = districtFile(E2E_PORT);
const BASE = `http://127.0.0.1:${E2E_PORT}`;

type Admin = { token: string; personId: string };

function admin(file = ADMIN_FILE): Admin {
  return JSON.parse(readFileSync(file, 'utf8')) as Admin;
}

/** A code for someone of the district, made by the district's administrator of the set-up. */
export async function districtCode(role: 'district' | 'district-admin', fullName: string): Promise<string> {
  return (await api('/api/v1/district/invites', { role, fullName }, admin(DISTRICT_FILE).token))
    .code as string;
}

let counter = 0;
function stamp(): string {
  counter += 1;
  return formatHlc({ ms: Date.now(), counter: counter % 10000, node: 'e2e-admin' });
}

export async function api(
  path: string,
  body?: unknown,
  token = admin().token,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${BASE}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Writes records as the admin curator (or the curator of `token`); returns their ids. */
export async function putRecords(
  records: { type: string; fields: Record<string, unknown>; id?: string }[],
  token = admin().token,
): Promise<string[]> {
  const changes = records.map((r) => {
    const s = stamp();
    return {
      // A record there is one of (an IDP, a response) under the id the app derives for it.
      id: r.id ?? expectedIdOf(r, derivedId) ?? uuidv7(),
      type: r.type,
      fields: r.fields,
      stamps: Object.fromEntries(Object.keys(r.fields).map((k) => [k, s])),
    };
  });
  const answer = await api('/api/v1/sync', { cursor: null, changes }, token);
  if ((answer.rejected as unknown[]).length) throw new Error(JSON.stringify(answer.rejected));
  return changes.map((c) => c.id);
}

/** Every person the school's curator reads on the server now, page by page of the pull. */
export async function peopleOnServer(): Promise<{ id: string; fields: Record<string, unknown> }[]> {
  const people: { id: string; fields: Record<string, unknown> }[] = [];
  let cursor: string | null = null;
  for (;;) {
    const answer = (await api('/api/v1/sync', { cursor, changes: [] })) as {
      cursor: string;
      changes: { id: string; type: string; fields: Record<string, unknown> }[];
      hasMore: boolean;
    };
    people.push(...answer.changes.filter((r) => r.type === 'person'));
    cursor = answer.cursor;
    if (!answer.hasMore) return people;
  }
}

/**
 * Archives, through the API, the people of these names (a test's own), so that other tests' counts of
 * the school's pupils stay theirs. A device's imports must have been sent first.
 */
export async function archivePeople(names: string[]): Promise<void> {
  const ids = (await peopleOnServer())
    .filter((p) => names.includes(String(p.fields.fullName)))
    .map((p) => p.id);
  await putRecords(ids.map((id) => ({ type: 'person', id, fields: { archived: true } })));
}

export async function inviteCode(
  personId: string,
  role: 'curator' | 'mentor' | 'mentee',
  token = admin().token,
): Promise<string> {
  return (await api('/api/v1/invites', { personId, role }, token)).code as string;
}

/** Enrols a device through the API (no browser): its token and person. */
export async function enrolByApi(code: string): Promise<{ token: string; personId: string }> {
  const response = await fetch(`${BASE}/api/v1/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName: 'e2e' }),
  });
  const body = (await response.json()) as { token: string; person: { id: string } };
  if (!response.ok) throw new Error(`enrol: ${response.status} ${JSON.stringify(body)}`);
  return { token: body.token, personId: body.person.id };
}

/** A new curator person and a code to enrol as them. */
export async function curatorCode(
  fullName = 'Яковлева Елена Сергеевна',
  token = admin().token,
): Promise<string> {
  const [id] = await putRecords([{ type: 'person', fields: { fullName, kind: 'teacher' } }], token);
  return inviteCode(id as string, 'curator', token);
}

/** A school of the test's own, made by the district's administrator: its first curator's code, unspent. */
export async function newSchoolCode(name: string): Promise<string> {
  return (await api('/api/v1/district/schools', { name }, admin(DISTRICT_FILE).token)).code as string;
}

/**
 * A school of the test's own on the shared server, made by the district's administrator: a test that
 * reads school-wide state (the programme, the set-up guide) starts from an empty school. Answers a
 * curator's token for set-up through the API.
 */
export async function newSchool(name: string): Promise<{ schoolId: string; token: string }> {
  const district = admin(DISTRICT_FILE).token;
  const made = await api('/api/v1/district/schools', { name }, district);
  const schoolId = (made.school as { id: string }).id;
  return { schoolId, token: (await enrolByApi(made.code as string)).token };
}

/**
 * A mentor and an adult mentee (named as given), their active pair, an IDP and one task in it, made as
 * the school's curator: what the tests of an IDP's fields start from.
 */
export async function seedTask(
  names: { mentor: string; mentee: string; task: string },
  token = admin().token,
) {
  const [mentor, mentee] = await putRecords(
    [
      { type: 'person', fields: { fullName: names.mentor, kind: 'teacher' } },
      { type: 'person', fields: { fullName: names.mentee, kind: 'student', minor: false } },
    ],
    token,
  );
  const [pair] = await putRecords(
    [
      {
        type: 'pair',
        fields: { mentorId: mentor, menteeIds: [mentee], form: 'учитель–ученик', status: 'active' },
      },
    ],
    token,
  );
  const [plan] = await putRecords(
    [{ type: 'plan', fields: { pairId: pair, menteeId: mentee, title: 'ИПР' } }],
    token,
  );
  const [task] = await putRecords(
    [{ type: 'task', fields: { planId: plan, title: names.task, status: 'todo', due: null } }],
    token,
  );
  return { mentor, mentee, pair, plan, task } as Record<
    'mentor' | 'mentee' | 'pair' | 'plan' | 'task',
    string
  >;
}

/**
 * A mentor and an adult mentee (named as given), their active pair, and a form with one required
 * short-text question «Что было полезно?» assigned to the mentee, made as the school's curator: what the
 * tests of a mentee's form sent from a phone start from.
 */
export async function seedAssignedForm(
  names: { mentor: string; mentee: string; title: string },
  token = admin().token,
) {
  const [mentor, mentee] = await putRecords(
    [
      { type: 'person', fields: { fullName: names.mentor, kind: 'teacher' } },
      { type: 'person', fields: { fullName: names.mentee, kind: 'student', minor: false } },
    ],
    token,
  );
  const [pair, template] = await putRecords(
    [
      {
        type: 'pair',
        fields: { mentorId: mentor, menteeIds: [mentee], form: 'учитель–ученик', status: 'active' },
      },
      {
        type: 'formTemplate',
        fields: {
          title: names.title,
          questions: [{ id: 'comment', kind: 'shortText', text: 'Что было полезно?', required: true }],
        },
      },
    ],
    token,
  );
  const [assignment] = await putRecords(
    [{ type: 'formAssignment', fields: { templateId: template, personId: mentee, pairId: pair, due: null } }],
    token,
  );
  return { mentor, mentee, pair, template, assignment } as Record<
    'mentor' | 'mentee' | 'pair' | 'template' | 'assignment',
    string
  >;
}
