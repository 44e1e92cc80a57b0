import { describe, expect, it } from 'vitest';
import { freshSchool } from '../../../tests/support/fresh-school';
import {
  filterChoices,
  filterResults,
  loadQuestionnaireList,
  loadResults,
} from './questionnaire-admin-model';

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
