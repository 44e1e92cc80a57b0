// What a refusal may tell about a record outside the caller's scope: nothing. A mentor reads the ids of
// the forms given to their mentees, and can compute the id of each one's response (it is derived from the
// assignment), or of a mentee's IDP: a push under such an id must be refused alike whatever the record's
// state — not begun, begun, sent; no IDP, an IDP the curator keeps. (Found by an attack round: the three
// states of a closed form were `invalid`, `forbidden` and `sent`; a withheld minor's IDP `consent` or
// `forbidden`.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseIdFor } from '../../src/domain/questionnaires/response-id';
import {
  type Actor,
  addMember,
  BOOTSTRAP_CODE,
  change,
  enrolWith,
  pairChange,
  pullAll,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let curator: Actor;
let mentor: Actor;
let otherMentor: Actor;
let mentee: Actor;

beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'curator');
  mentor = await addMember(server, curator, 'mentor', { fullName: 'Анна Сергеевна' }, 'mentor');
  otherMentor = await addMember(server, curator, 'mentor', { fullName: 'Борис Петрович' }, 'other');
  mentee = await addMember(server, curator, 'mentee', { fullName: 'Ваня Петров', kind: 'student' }, 'mentee');
});
afterAll(async () => server.close());

/** The code each of `actors` gets for `make()`, which pushes one change. */
const codes = async (actors: Actor[], make: (actor: Actor) => ReturnType<typeof change>) => {
  const out: (string | undefined)[] = [];
  for (const actor of actors) out.push((await push(server, actor, [make(actor)])).rejected[0]?.code);
  return out;
};

describe('a questionnaire closed to the mentor', () => {
  it('is refused alike to a mentor whatever the mentee did with it', async () => {
    const pair = pairChange(curator.stamper, mentor.personId, [mentee.personId]);
    const closed = change(curator.stamper, 'formTemplate', {
      title: 'Удовлетворённость',
      questions: [],
      visibleToMentor: false,
    });
    const assignment = change(curator.stamper, 'formAssignment', {
      templateId: closed.id,
      personId: mentee.personId,
      pairId: pair.id,
      due: null,
    });
    // A form given to the mentor themself: its assignment passes the checks of a response's parent.
    const own = change(curator.stamper, 'formAssignment', {
      templateId: closed.id,
      personId: mentor.personId,
      pairId: null,
      due: null,
    });
    expect((await push(server, curator, [pair, closed, assignment, own])).rejected).toEqual([]);
    const held = await pullAll(server, { ...mentor, cursor: null });
    expect(held.records.has(assignment.id)).toBe(true);

    const responseId = responseIdFor(assignment.id) as string;
    const probe = async () => [
      // Naming the mentor's own assignment, then none, then the mentee's; by the pair's mentor and another.
      ...(await codes([mentor], (a) =>
        change(
          a.stamper,
          'formResponse',
          { assignmentId: own.id, answers: {}, submittedAt: null },
          responseId,
        ),
      )),
      ...(await codes([mentor, otherMentor], (a) =>
        change(a.stamper, 'formResponse', { submittedAt: null }, responseId),
      )),
      ...(await codes([mentor], (a) =>
        change(
          a.stamper,
          'formResponse',
          { assignmentId: assignment.id, answers: { q: 1 }, submittedAt: null },
          responseId,
        ),
      )),
    ];
    const notBegun = await probe();
    const draft = change(mentee.stamper, 'formResponse', {
      assignmentId: assignment.id,
      answers: { q: 1 },
      submittedAt: null,
    });
    expect(draft.id).toBe(responseId);
    expect((await push(server, mentee, [draft])).rejected).toEqual([]);
    const begun = await probe();
    const send = change(mentee.stamper, 'formResponse', { submittedAt: new Date().toISOString() }, draft.id);
    expect((await push(server, mentee, [send])).rejected).toEqual([]);
    const sent = await probe();

    expect(notBegun).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden']);
    expect(begun).toEqual(notBegun);
    expect(sent).toEqual(notBegun);
    // The mentee herself is still told her response was sent.
    const again = change(mentee.stamper, 'formResponse', { answers: { q: 2 } }, draft.id);
    expect((await push(server, mentee, [again])).rejected[0]?.code).toBe('sent');
    // Nothing of it reached the mentor.
    expect((await pullAll(server, { ...mentor, cursor: null })).records.has(responseId)).toBe(false);
  });
});

describe("the IDP of a minor whose parents' consent was withdrawn", () => {
  it('is refused alike to the mentor whether the curator keeps one or not', async () => {
    const minor = change(curator.stamper, 'person', { fullName: 'Петя Котов', kind: 'student', minor: true });
    const other = change(curator.stamper, 'person', { fullName: 'Оля Котова', kind: 'student' });
    const consent = change(curator.stamper, 'consent', {
      personId: minor.id,
      signedBy: 'Котова Мария Ивановна',
      date: '2026-09-01',
      withdrawn: false,
    });
    const group = pairChange(curator.stamper, mentor.personId, [minor.id, other.id]);
    expect((await push(server, curator, [minor, other, consent, group])).rejected).toEqual([]);
    const withdraw = change(curator.stamper, 'consent', { withdrawn: true }, consent.id);
    expect((await push(server, curator, [withdraw])).rejected).toEqual([]);
    const held = await pullAll(server, { ...mentor, cursor: null });
    expect(held.records.has(group.id)).toBe(true);
    expect(held.records.has(minor.id)).toBe(false);

    const probe = () =>
      codes([mentor], (a) =>
        change(a.stamper, 'plan', { pairId: group.id, menteeId: minor.id, title: 'ИОМ' }),
      );
    const none = await probe();
    const kept = change(curator.stamper, 'plan', { pairId: group.id, menteeId: minor.id, title: 'ИОМ Пети' });
    expect((await push(server, curator, [kept])).rejected).toEqual([]);
    const some = await probe();
    expect(none).toEqual(['forbidden']);
    expect(some).toEqual(none);
  });
});

describe('an IDP a mentor makes under an id of its own, in a group with a withheld minor', () => {
  it('is taken whatever became of the minor’s IDP: none, kept, deleted', async () => {
    // The deleted one was named in the refusal («there is one plan of its kind: its id is …»).
    const adult = change(curator.stamper, 'person', { fullName: 'Зорин Олег', kind: 'student' });
    const minor = change(curator.stamper, 'person', { fullName: 'Зорина Ия', kind: 'student', minor: true });
    const group = pairChange(curator.stamper, mentor.personId, [adult.id]);
    expect((await push(server, curator, [adult, minor, group])).rejected).toEqual([]);
    // The minor joins without a consent on the curator's side (recorded, then withdrawn).
    const consent = change(curator.stamper, 'consent', {
      personId: minor.id,
      signedBy: 'Зорина Анна',
      date: '2026-09-01',
      withdrawn: false,
    });
    const join = change(curator.stamper, 'pair', { menteeIds: [adult.id, minor.id] }, group.id);
    expect((await push(server, curator, [consent, join])).rejected).toEqual([]);
    const withdraw = change(curator.stamper, 'consent', { withdrawn: true }, consent.id);
    const kept = change(curator.stamper, 'plan', { pairId: group.id, menteeId: minor.id, title: 'ИОМ Ии' });
    expect((await push(server, curator, [withdraw, kept])).rejected).toEqual([]);
    const gone = {
      ...change(curator.stamper, 'plan', {}, kept.id),
      fields: {},
      stamps: {},
      deleted: curator.stamper.stamp(),
    };
    expect((await push(server, curator, [gone])).rejected).toEqual([]);
    const own = change(
      mentor.stamper,
      'plan',
      { pairId: group.id, menteeId: adult.id, title: 'ИОМ Олега' },
      '0193a3f0-0000-7000-8000-0000000000aa',
    );
    expect((await push(server, mentor, [own])).rejected).toEqual([]);
  });
});
