// The read rules as a property, over real HTTP: for every role × record type × field × route that sends
// data (pull, enrolment answer, conflict copies, purge, export, rejection reasons), what a viewer gets
// of a field is exactly what the documented matrix (docs/sync-protocol.md, "Who may read what") lets
// them read. Every stored value carries a marker naming its record and field, so a value that reaches
// the wrong person by any route — inside another record, a conflict copy, a reason — is found.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, SyncedRecord } from '../../src/domain/record';
import { PROGRAMME_ID } from '../../src/domain/record-type-names';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  call,
  change,
  createStamper,
  enrolWith,
  pullAll,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

type Role = 'curator' | 'mentor' | 'mentee' | 'otherMentor' | 'otherMentee';
const ROLES: Role[] = ['curator', 'mentor', 'mentee', 'otherMentor', 'otherMentee'];

/** Which fields a role reads of a record: all, all but some, some, or none (the record never reaches them). */
type Rule = 'all' | { allBut: string[] } | { only: string[] } | null;
const SHARED: Rule = { only: ['fullName', 'kind', 'classOrSubject'] };
const OWN_PERSON: Rule = { allBut: ['requests'] };

/** The documented matrix, written out again here (not imported): curators read all. */
const SPEC: Record<string, Partial<Record<Role, Rule>>> = {
  menteePerson: { mentor: SHARED, mentee: OWN_PERSON },
  mentorPerson: { mentor: OWN_PERSON, mentee: SHARED },
  consent: {},
  pair: { mentor: 'all', mentee: 'all' },
  meeting: { mentor: 'all', mentee: { allBut: ['privateNotes'] } },
  plan: { mentor: 'all', mentee: 'all' },
  goal: { mentor: 'all', mentee: 'all' },
  task: { mentor: 'all', mentee: 'all' },
  closedTemplate: { mentor: 'all', mentee: 'all', otherMentor: 'all', otherMentee: 'all' },
  openTemplate: { mentor: 'all', mentee: 'all', otherMentor: 'all', otherMentee: 'all' },
  closedAssignment: { mentor: 'all', mentee: 'all' },
  openAssignment: { mentor: 'all', mentee: 'all' },
  closedResponse: { mentee: 'all' },
  openResponse: { mentor: 'all', mentee: 'all' },
  fitAnswer: { mentee: 'all' },
  programme: {},
  order: {},
  material: { mentor: 'all', mentee: 'all', otherMentor: 'all', otherMentee: 'all' },
  conflict: { mentor: 'all' },
};

function ruleFor(label: string, role: Role): Rule {
  return role === 'curator' ? 'all' : (SPEC[label]?.[role] ?? null);
}

function mayRead(rule: Rule, field: string): boolean {
  if (rule === null) return false;
  if (rule === 'all') return true;
  return 'only' in rule ? rule.only.includes(field) : !rule.allBut.includes(field);
}

/** A value that says which record and field it is: found anywhere, it shows where it went. */
const mark = (label: string, field: string) => `⟦${label}.${field}⟧`;

let server: TestServer;
const actors = {} as Record<Role, Actor>;
/** Each record of the school by label, as stored, with the fields that hold a marker. */
const records = new Map<string, Change>();

beforeAll(async () => {
  server = await startTestServer();
  const c = await enrolWith(server, BOOTSTRAP_CODE, 'p-cur');
  actors.curator = c;
  actors.mentor = await addMember(
    server,
    c,
    'mentor',
    { fullName: mark('mentorPerson', 'fullName') },
    'p-men',
  );
  actors.mentee = await addMember(
    server,
    c,
    'mentee',
    { fullName: mark('menteePerson', 'fullName'), kind: 'student' },
    'p-kid',
  );
  actors.otherMentor = await addMember(server, c, 'mentor', { fullName: 'Другой наставник' }, 'p-men2');
  actors.otherMentee = await addMember(
    server,
    c,
    'mentee',
    { fullName: 'Другой ученик', kind: 'student' },
    'p-kid2',
  );
  const text = (label: string, ...fields: string[]) =>
    Object.fromEntries(fields.map((f) => [f, mark(label, f)]));
  const put = async (
    actor: Actor,
    label: string,
    type: string,
    fields: Record<string, unknown>,
    id?: string,
  ) => {
    const x = change(actor.stamper, type, fields, id);
    const r = await push(server, actor, [x]);
    expect(r.rejected, label).toEqual([]);
    records.set(label, { ...x, fields: { ...records.get(label)?.fields, ...fields } });
    return x;
  };
  await put(
    c,
    'menteePerson',
    'person',
    {
      ...text('menteePerson', 'needs', 'interests', 'requests', 'classOrSubject'),
      minor: false,
      trained: false,
      archived: false,
    },
    actors.mentee.personId,
  );
  await put(
    c,
    'mentorPerson',
    'person',
    { ...text('mentorPerson', 'needs', 'interests', 'requests', 'classOrSubject'), trained: true },
    actors.mentor.personId,
  );
  for (const [label, kind] of [
    ['menteePerson', 'student'],
    ['mentorPerson', 'teacher'],
  ] as const) {
    const person = records.get(label) as Change;
    person.fields = { ...person.fields, fullName: mark(label, 'fullName'), kind };
  }
  await put(c, 'consent', 'consent', {
    personId: actors.mentee.personId,
    ...text('consent', 'signedBy', 'scope'),
    date: '2026-09-01',
    withdrawn: false,
  });
  const pair = await put(c, 'pair', 'pair', {
    mentorId: actors.mentor.personId,
    menteeIds: [actors.mentee.personId],
    form: mark('pair', 'form'),
    status: 'active',
    endReason: mark('pair', 'endReason'),
  });
  const other = change(c.stamper, 'pair', {
    mentorId: actors.otherMentor.personId,
    menteeIds: [actors.otherMentee.personId],
    form: 'другая',
    status: 'active',
  });
  expect((await push(server, c, [other])).rejected).toEqual([]);
  await put(actors.mentor, 'meeting', 'meeting', {
    pairId: pair.id,
    date: '2026-11-25',
    kind: 'regular',
    durationMin: 40,
    ...text('meeting', 'notes', 'privateNotes', 'cancelReason'),
    topics: [mark('meeting', 'topics')],
  });
  const plan = await put(actors.mentor, 'plan', 'plan', {
    pairId: pair.id,
    menteeId: actors.mentee.personId,
    title: mark('plan', 'title'),
  });
  await put(actors.mentor, 'goal', 'goal', {
    planId: plan.id,
    ...text('goal', 'title', 'description', 'area'),
  });
  await put(actors.mentor, 'task', 'task', {
    planId: plan.id,
    ...text('task', 'title', 'evidence'),
    status: 'todo',
    due: null,
  });
  for (const [label, visible] of [
    ['closed', false],
    ['open', true],
  ] as const) {
    const template = await put(c, `${label}Template`, 'formTemplate', {
      ...text(`${label}Template`, 'title', 'description'),
      questions: [{ id: 'q1', kind: 'text', text: mark(`${label}Template`, 'questions') }],
      visibleToMentor: visible,
    });
    const assignment = await put(c, `${label}Assignment`, 'formAssignment', {
      templateId: template.id,
      personId: actors.mentee.personId,
      pairId: pair.id,
      due: null,
    });
    await put(actors.mentee, `${label}Response`, 'formResponse', {
      assignmentId: assignment.id,
      answers: { q1: mark(`${label}Response`, 'answers') },
      submittedAt: null,
    });
  }
  await put(actors.mentee, 'fitAnswer', 'fitAnswer', {
    pairId: pair.id,
    personId: actors.mentee.personId,
    fits: false,
    comment: mark('fitAnswer', 'comment'),
  });
  await put(
    c,
    'programme',
    'programme',
    { schoolYear: '2026-2027', ...text('programme', 'schoolName', 'directorName') },
    PROGRAMME_ID,
  );
  await put(c, 'order', 'order', {
    number: '1',
    date: '2026-09-01',
    title: mark('order', 'title'),
    pairIds: [pair.id],
    signer: mark('order', 'signer'),
  });
  await put(c, 'material', 'material', {
    title: mark('material', 'title'),
    description: mark('material', 'description'),
    url: null,
  });

  // Conflict copies: the curator rewrites the meeting's texts without having seen the mentor's; the
  // mentor's texts lose and are kept for the mentor. The mentee, stamping with the mentor's device id,
  // tries to be taken for their author.
  const meeting = records.get('meeting') as Change;
  const stale = createStamper('p-men', () => Date.now() - 3_600_000);
  expect(
    (
      await push(server, { ...actors.mentee }, [
        change(stale, 'task', { status: 'doing' }, records.get('task')?.id),
      ])
    ).rejected,
  ).toEqual([]);
  const texts = text('conflict', 'notes', 'privateNotes');
  expect(
    (await push(server, actors.mentor, [change(actors.mentor.stamper, 'meeting', texts, meeting.id)]))
      .rejected,
  ).toEqual([]);
  const curatorStale = { ...c, cursor: null };
  expect(
    (
      await push(server, curatorStale, [
        change(
          c.stamper,
          'meeting',
          { notes: mark('meeting', 'notes'), privateNotes: mark('meeting', 'privateNotes') },
          meeting.id,
        ),
      ])
    ).rejected,
  ).toEqual([]);
  const copies = [...(await pullAll(server, { ...c, cursor: null })).records.values()].filter(
    (r) => r.type === 'conflict',
  );
  expect(copies.map((x) => x.fields.field).sort()).toEqual(['notes', 'privateNotes']);
  records.set('conflict', copies[0] as Change);
});
afterAll(async () => server.close());

/** Markers (⟦label.field⟧) found in a text whose field the role may not read. */
function leaks(text: string, role: Role): string[] {
  return [...text.matchAll(/⟦(\w+)\.(\w+)⟧/g)]
    .filter(([, label, field]) => {
      // A conflict copy's text is the meeting field it was typed into.
      if (label === 'conflict')
        return (
          !mayRead(ruleFor('meeting', role), field as string) || !mayRead(ruleFor('conflict', role), 'text')
        );
      return !mayRead(ruleFor(label as string, role), field as string);
    })
    .map(([m]) => m as string);
}

const received = new Map<Role, Map<string, SyncedRecord>>();
async function pullOf(role: Role) {
  if (!received.has(role))
    received.set(role, (await pullAll(server, { ...actors[role], cursor: null })).records);
  return received.get(role) as Map<string, SyncedRecord>;
}

const LABELS = Object.keys(SPEC);
const ROUTES = ['pull', 'export', 'enrol', 'rejection'] as const;

describe('the read rules of every field hold on every route', () => {
  it('for every role × record type × field × route', async () => {
    const cases = fc.record({
      role: fc.constantFrom(...ROLES),
      label: fc.constantFrom(...LABELS),
      fieldIndex: fc.nat(),
      route: fc.constantFrom(...ROUTES),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ role, label, fieldIndex, route }) => {
        const record = records.get(label) as Change;
        const fields = Object.keys(record.fields);
        const field = fields[fieldIndex % fields.length] as string;
        const rule = ruleFor(label, role);
        if (route === 'pull') {
          const got = await pullOf(role);
          const copy = got.get(record.id);
          // Exactly the fields the role may read: none missing, none more (a record with none never comes).
          const expected = fields.filter((f) => mayRead(rule, f)).sort();
          expect(copy ? Object.keys(copy.fields).sort() : [], `${role} ${label}`).toEqual(
            rule === null ? [] : expected,
          );
          expect(leaks(JSON.stringify([...got.values()]), role), `${role} pull`).toEqual([]);
          if (copy) expect(Object.hasOwn(copy.fields, field)).toBe(mayRead(rule, field));
        } else if (route === 'export') {
          const r = await call(server, 'GET', '/api/v1/export', { token: actors[role].token });
          expect(r.status).toBe(role === 'curator' ? 200 : 403);
          expect(leaks(JSON.stringify(r.body), role)).toEqual([]);
        } else if (route === 'enrol') {
          if (role === 'curator' || label !== `${role}Person`) return;
          const invite = await call(server, 'POST', '/api/v1/invites', {
            token: actors.curator.token,
            body: { personId: actors[role].personId, role },
          });
          const r = await call(server, 'POST', '/api/v1/enrol', {
            body: { code: invite.body.code, deviceName: 'x' },
          });
          expect(r.status).toBe(200);
          const person = r.body.person as SyncedRecord;
          expect(Object.keys(person.fields).sort()).toEqual(fields.filter((f) => mayRead(rule, f)).sort());
          expect(leaks(JSON.stringify(r.body), role)).toEqual([]);
        } else {
          // A write by this role into the record's field, under its own type and under another: whatever
          // the answer, its reason tells nothing the role may not read — no value, and for a record out
          // of their reach, not even its type.
          const other = record.type === 'meeting' ? 'task' : 'meeting';
          const attempts = [record.type, other].map((type) =>
            change(createStamper(`p-try-${role}`), type, { [field]: record.fields[field] }, record.id),
          );
          const r = await push(server, { ...actors[role], cursor: null }, attempts);
          for (const rejection of r.rejected) expect(leaks(rejection.reason, role)).toEqual([]);
          const underOther = r.rejected.find(
            (x) => x.id === record.id && r.rejected.indexOf(x) === r.rejected.length - 1,
          );
          if (rule === null && underOther)
            expect(underOther.reason, `${role} ${label}`).not.toContain(record.type);
          expect(leaks(JSON.stringify(r.changes), role)).toEqual([]);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300), seed: Number(process.env.PROPERTY_SEED ?? 42) },
    );
  });

  it('a purge names only records the device could hold, never one made after it left the scope', async () => {
    const c = actors.curator;
    const kid = change(c.stamper, 'person', { fullName: 'Третий ученик', kind: 'student' });
    const pair = change(c.stamper, 'pair', {
      mentorId: actors.otherMentor.personId,
      menteeIds: [kid.id],
      form: 'ф',
      status: 'active',
    });
    expect((await push(server, c, [kid, pair])).rejected).toEqual([]);
    const held = { ...actors.otherMentor, cursor: null as string | null };
    const before = new Set((await pullAll(server, held)).records.keys());
    // The pair goes to another mentor; then a meeting is recorded in it.
    expect(
      (await push(server, c, [change(c.stamper, 'pair', { mentorId: actors.mentor.personId }, pair.id)]))
        .rejected,
    ).toEqual([]);
    const later = change(actors.mentor.stamper, 'meeting', {
      pairId: pair.id,
      date: '2026-11-26',
      kind: 'regular',
      durationMin: 30,
      notes: 'после',
    });
    expect((await push(server, { ...actors.mentor }, [later])).rejected).toEqual([]);
    const { purge } = await pullAll(server, held);
    expect(purge).toEqual(expect.arrayContaining([pair.id, kid.id]));
    expect(purge.every((id) => before.has(id))).toBe(true);
    expect(purge).not.toContain(later.id);
  });
});
