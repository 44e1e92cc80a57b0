import { describe, expect, it } from 'vitest';
import { droppedTexts, typedFields, typedTexts } from './typed-texts';

describe('typed texts', () => {
  it('are a record type’s text fields and the texts inside its answers and status notes', () => {
    expect(typedFields('task')).toEqual(['title', 'evidence']);
    expect(typedFields('formResponse')).toEqual(['answers']);
    expect(typedFields('pair')).toEqual(['endReason', 'history']);
    expect(typedFields('nothing')).toEqual([]);
    expect(typedTexts('task', 'evidence', 'Сделала')).toEqual([{ field: 'evidence', text: 'Сделала' }]);
    expect(typedTexts('task', 'evidence', '   ')).toEqual([]);
    expect(typedTexts('task', 'title', 'Короткий текст')).toEqual([
      { field: 'title', text: 'Короткий текст' },
    ]);
    expect(typedTexts('task', 'status', 'done')).toEqual([]);
    expect(typedTexts('formResponse', 'answers', { goals: 'Научиться', score: 7, pick: ['a'] })).toEqual([
      { field: 'answers.goals', text: 'Научиться' },
    ]);
    expect(
      typedTexts('pair', 'history', [
        { date: '2026-11-01', status: 'active', note: null },
        { date: '2026-11-20', status: 'paused', note: 'Болеет' },
      ]),
    ).toEqual([{ field: 'history.1', text: 'Болеет' }]);
    expect(typedFields('meeting')).toEqual(['notes', 'privateNotes', 'cancelReason', 'nextSteps', 'topics']);
    expect(
      typedTexts('meeting', 'nextSteps', [
        { id: 's1', text: 'Прочитать главу 3', taskId: null },
        { id: 's2', text: ' ', taskId: null },
      ]),
    ).toEqual([{ field: 'nextSteps.s1', text: 'Прочитать главу 3' }]);
  });

  it('are typed topics, roadmap stages’ responsible people and questions’ wording; not dates or quick topics', () => {
    expect(typedTexts('meeting', 'topics', ['Проект', 'Робототехника и моя команда'])).toEqual([
      { field: 'topics.1', text: 'Робототехника и моя команда' },
    ]);
    expect(
      typedTexts('programme', 'stages', [
        { key: '1', deadline: null, responsible: 'Петрова Ирина Сергеевна', done: false },
        { key: '2', deadline: null, responsible: null, done: true },
      ]),
    ).toEqual([{ field: 'stages.1', text: 'Петрова Ирина Сергеевна' }]);
    expect(
      typedTexts('formTemplate', 'questions', [
        { id: 'q1', kind: 'scale', text: 'Насколько полезно?', help: 'Честно' },
      ]),
    ).toEqual([
      { field: 'questions.q1', text: 'Насколько полезно?' },
      { field: 'questions.q1.help', text: 'Честно' },
    ]);
    expect(typedTexts('formResponse', 'answers', { d: '2026-10-15', t: 'Мой ответ' })).toEqual([
      { field: 'answers.t', text: 'Мой ответ' },
    ]);
    expect(
      droppedTexts(
        'programme',
        'stages',
        [{ key: '1', responsible: 'Петрова' }],
        [{ key: '1', responsible: null }],
      ),
    ).toEqual([{ field: 'stages.1', text: 'Петрова' }]);
  });

  it('that a merge drops are those of the losing value the winning one does not hold', () => {
    const mine = { goals: 'Научиться выступать', interests: 'Шахматы' };
    const theirs = { goals: 'Научиться выступать', interests: 'Футбол' };
    expect(droppedTexts('formResponse', 'answers', mine, theirs)).toEqual([
      { field: 'answers.interests', text: 'Шахматы' },
    ]);
    expect(droppedTexts('goal', 'description', 'Раз', 'Два')).toEqual([
      { field: 'description', text: 'Раз' },
    ]);
    expect(droppedTexts('goal', 'description', 'Раз', 'Раз')).toEqual([]);
    // Two devices each added a next step to the same meeting: the losing list's step is kept.
    const step = (id: string, text: string) => ({ id, text, taskId: null });
    expect(
      droppedTexts('meeting', 'nextSteps', [step('a', 'Прочитать главу 3')], [step('b', 'Решить задачу 5')]),
    ).toEqual([{ field: 'nextSteps.a', text: 'Прочитать главу 3' }]);
  });
});
