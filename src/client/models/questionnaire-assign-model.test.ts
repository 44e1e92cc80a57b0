import { describe, expect, it } from 'vitest';
import { freshSchool } from '../../../tests/support/fresh-school';
import { assign, isAssignmentWithheld, targetsOf, withheldOf } from './questionnaire-assign-model';

describe('whom a form is given to within pairs', () => {
  const rec = <T>(id: string, fields: T) => ({ id, fields, stamps: {} }) as never;
  const people = [
    rec('mentor', { fullName: 'Фомина', kind: 'teacher' }),
    rec('minor', { fullName: 'Рябов', kind: 'student', minor: true }),
    rec('consented', { fullName: 'Белова', kind: 'student', minor: true }),
    rec('adult', { fullName: 'Карпов', kind: 'student', minor: false }),
  ];
  const consents = [
    rec('c1', { personId: 'minor', withdrawn: true }),
    rec('c2', { personId: 'consented', withdrawn: false }),
  ];
  const isWithheld = withheldOf(people, consents);
  const pair = (id: string, menteeIds: string[]) => rec(id, { mentorId: 'mentor', menteeIds });

  it('leaves out a minor whose consent is withdrawn, and the mentor of a pair left with no other mentee', () => {
    const pairs = [pair('alone', ['minor']), pair('group', ['minor', 'consented', 'adult'])];
    expect(targetsOf(pairs, 'both', isWithheld)).toEqual([
      { personId: 'consented', pairId: 'group' },
      { personId: 'adult', pairId: 'group' },
      { personId: 'mentor', pairId: 'group' },
    ]);
    expect(targetsOf(pairs, 'mentors', isWithheld)).toEqual([{ personId: 'mentor', pairId: 'group' }]);
  });

  it('counts a person not on this device as withheld', () => {
    expect(isWithheld('nobody')).toBe(true);
    expect(isWithheld('adult')).toBe(false);
  });

  it('leaves out of those expected to answer a form the person cannot receive, unless answered', () => {
    const given = (personId: string) => rec(`form-of-${personId}`, { personId });
    expect(isAssignmentWithheld(given('minor'), false, isWithheld)).toBe(true);
    expect(isAssignmentWithheld(given('nobody'), false, isWithheld)).toBe(true);
    expect(isAssignmentWithheld(given('minor'), true, isWithheld)).toBe(false);
    expect(isAssignmentWithheld(given('consented'), false, isWithheld)).toBe(false);
  });
});

describe('giving a form', () => {
  const PAIR = '0193a3f0-0000-7000-8000-000000000001';
  const person = (n: number) => `0193a3f0-0000-7000-8000-00000000010${n}`;

  it('makes the forms not given yet, skips those given, and makes none when one of them is refused', async () => {
    const { db, repo, queries, id } = freshSchool('assign');
    const template = await id(repo.create('formTemplate', { title: 'Анкета', questions: [] }));
    const give = (personIds: string[], due: string | null) =>
      assign(
        repo,
        queries,
        template,
        personIds.map((personId) => ({ personId, pairId: PAIR })),
        due,
      );
    expect(await give([person(1)], null)).toEqual({ ok: true, created: 1, skipped: 0 });
    expect(await give([person(1), person(2), person(2)], '2026-12-20')).toEqual({
      ok: true,
      created: 1,
      skipped: 2,
    });
    const forms = await queries.assignmentsOfTemplate(template);
    expect(forms.map((a) => [a.fields.personId, a.fields.due ?? null]).sort()).toEqual([
      [person(1), null],
      [person(2), '2026-12-20'],
    ]);
    // The second of two new forms is refused (its person is no id): the first is not made either.
    const refused = await give([person(3), 'no-such-id'], null);
    expect(refused.ok).toBe(false);
    expect(await queries.assignmentsOfTemplate(template)).toHaveLength(2);
    expect(await db.outbox.count()).toBe(3);
    db.close();
  });
});
