import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { NastavnikDb } from '../db/database';
import { createQueries } from '../db/queries';
import { createRepository, type WriteResult } from '../db/repository';
import {
  filterChoices,
  filterResults,
  loadQuestionnaireList,
  loadResults,
} from './questionnaire-admin-model';
import { assign, isAssignmentWithheld, targetsOf, withheldOf } from './questionnaire-assign-model';
import { draftOf, saveTemplate } from './questionnaire-edit-model';

/** A fresh school's database, its repository and queries, and `id`: the id of a record a write made. */
function freshSchool(name: string) {
  const db = new NastavnikDb(`${name}-${Math.random()}`, { indexedDB, IDBKeyRange });
  const id = async (write: Promise<WriteResult>) => {
    const result = await write;
    if (!result.ok) throw new Error(result.reason);
    return result.id;
  };
  return { db, repo: createRepository(db), queries: createQueries(db), id };
}

async function schoolWithAnswers() {
  const { repo, queries, id } = freshSchool('results');
  const person = (fullName: string, classOrSubject: string) =>
    id(repo.create('person', { fullName, kind: 'student', minor: false, classOrSubject }));
  const mentor = await id(repo.create('person', { fullName: 'Наставник', kind: 'teacher' }));
  const [a, b, c] = [await person('Аня', '9А'), await person('Боря', '9Б'), await person('Вика', '9Б')];
  const pair = (menteeIds: string[], form: string) =>
    id(repo.create('pair', { mentorId: mentor, menteeIds, form, status: 'active' }));
  const pairA = await pair([a], 'учитель–ученик');
  const group = await pair([b, c], 'ученик–ученик');
  const template = await id(
    repo.create('formTemplate', {
      title: 'Итоговая анкета',
      questions: [{ id: 'comfort', kind: 'scale', text: 'Комфорт', required: true, min: 1, max: 10 }],
    }),
  );
  const answer = async (personId: string, pairId: string, comfort: number | null) => {
    const assignment = await id(
      repo.create('formAssignment', { templateId: template, personId, pairId, due: '2026-12-20' }),
    );
    if (comfort !== null)
      await repo.create('formResponse', {
        assignmentId: assignment,
        answers: { comfort },
        submittedAt: '2026-11-25T10:00:00.000Z',
      });
  };
  await answer(a, pairA, 4);
  await answer(b, group, 8);
  await answer(c, group, null);
  return { queries, template };
}

describe('form results by form of mentoring and class', () => {
  it('recounts the response rate and the averages for the chosen slice only', async () => {
    const { queries, template } = await schoolWithAnswers();
    const all = await loadResults(queries, template);
    if (!all) throw new Error('no results');
    expect([all.sent, all.rows.length, all.results[0]?.kind === 'numeric' && all.results[0].average]).toEqual(
      [2, 3, 6],
    );
    expect(filterChoices(all)).toEqual({ forms: ['ученик–ученик', 'учитель–ученик'], classes: ['9А', '9Б'] });

    const group = filterResults(all, { form: 'ученик–ученик', className: null });
    expect(group.rows.map((r) => r.person)).toEqual(['Боря', 'Вика']);
    expect([group.sent, group.rate]).toEqual([1, 50]);
    expect(group.results[0]?.kind === 'numeric' && group.results[0].average).toBe(8);

    const ninthA = filterResults(all, { form: null, className: '9А' });
    expect(ninthA.results[0]?.kind === 'numeric' && ninthA.results[0].average).toBe(4);
    expect(filterResults(all, { form: 'учитель–ученик', className: '9Б' }).rows).toEqual([]);
    expect(filterResults(all, { form: null, className: null })).toBe(all);
  });
});

describe('the questionnaire editor', () => {
  it('saves only what the curator changed from the editor as it opened: another’s change meanwhile stands', async () => {
    const { db, repo, queries, id } = freshSchool('editor');
    const templateId = await id(
      repo.create('formTemplate', {
        title: 'Анкета',
        questions: [{ id: 'q', kind: 'text', text: 'Что получилось?', required: false }],
      }),
    );
    const opened = await queries.template(templateId);
    if (!opened) throw new Error('not stored');
    const base = { value: draftOf(opened), cursor: null };
    // Another curator renames it meanwhile; this one, whose editor still shows the old title, adds a
    // description and saves the whole editor.
    await repo.update('formTemplate', templateId, { title: 'Анкета после четверти' });
    const now = await queries.template(templateId);
    if (!now) throw new Error('not stored');
    const result = await saveTemplate(
      repo,
      queries,
      now,
      { ...base.value, description: 'Для 9-х классов' },
      base,
    );
    expect(result.ok).toBe(true);
    const saved = await queries.template(templateId);
    expect(saved?.fields.title).toBe('Анкета после четверти');
    expect(saved?.fields.description).toBe('Для 9-х классов');
    db.close();
  });

  it('once given to someone, saves as a new version and archives the old one in the same write', async () => {
    const { db, repo, queries, id } = freshSchool('version');
    const question = { id: 'q', kind: 'text', text: 'Что получилось?', required: false };
    const templateId = await id(repo.create('formTemplate', { title: 'Анкета', questions: [question] }));
    await id(
      repo.create('formAssignment', {
        templateId,
        personId: '0193a3f0-0000-7000-8000-000000000101',
        pairId: null,
        due: null,
      }),
    );
    const opened = await queries.template(templateId);
    if (!opened) throw new Error('not stored');
    const saved = await saveTemplate(repo, queries, opened, {
      ...draftOf(opened),
      title: 'Анкета, версия 2',
    });
    if (!saved.ok) throw new Error(saved.reason);
    const [next, old] = [await queries.template(saved.id), await queries.template(templateId)];
    expect(next?.fields).toMatchObject({ title: 'Анкета, версия 2', previousId: templateId, version: 2 });
    expect(old?.fields.archived).toBe(true);
    // A new version the schema refuses (a title over 300 characters) leaves the old one open.
    await repo.update('formTemplate', templateId, { archived: false });
    const again = await queries.template(templateId);
    if (!again) throw new Error('not stored');
    const refused = await saveTemplate(repo, queries, again, { ...draftOf(again), title: 'А'.repeat(301) });
    expect(refused.ok).toBe(false);
    expect((await queries.template(templateId))?.fields.archived).toBe(false);
    db.close();
  });
});

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

describe('a form given to a minor whose parents withdrew their consent since', () => {
  it('is not counted among those expected to answer, unless it was answered', async () => {
    const { repo, queries, id } = freshSchool('withdrawn');
    const template = await id(
      repo.create('formTemplate', {
        title: 'Итоговая анкета',
        questions: [{ id: 'comfort', kind: 'scale', text: 'Комфорт', required: true, min: 1, max: 10 }],
      }),
    );
    const minor = async (fullName: string) => {
      const person = await id(repo.create('person', { fullName, kind: 'student', minor: true }));
      const consent = await id(
        repo.create('consent', { personId: person, signedBy: 'Мама', date: '2026-09-01', withdrawn: false }),
      );
      const assignment = await id(
        repo.create('formAssignment', { templateId: template, personId: person, pairId: null, due: null }),
      );
      return { consent, assignment };
    };
    const [answered, withdrawn] = [await minor('Аня'), await minor('Боря'), await minor('Вика')];
    await repo.create('formResponse', {
      assignmentId: answered.assignment,
      answers: { comfort: 7 },
      submittedAt: '2026-11-25T10:00:00.000Z',
    });
    expect((await loadQuestionnaireList(queries)).map((r) => [r.sent, r.assigned])).toEqual([[1, 3]]);
    // Боря's parents withdraw; so do Аня's, after she answered: her answer still counts.
    for (const consent of [withdrawn.consent, answered.consent])
      await repo.update('consent', consent, { withdrawn: true, withdrawnDate: '2026-11-26' });
    expect((await loadQuestionnaireList(queries)).map((r) => [r.sent, r.assigned])).toEqual([[1, 2]]);
    const results = await loadResults(queries, template);
    expect([results?.sent, results?.expected, results?.rate]).toEqual([1, 2, 50]);
    expect(results?.rows.map((r) => [r.person, r.isWithheld])).toEqual([
      ['Аня', false],
      ['Боря', true],
      ['Вика', false],
    ]);
  });
});
