import { describe, expect, it } from 'vitest';
import { droppedTexts, typedFields, typedTexts } from './typed-texts';

describe('typed texts', () => {
  it('are a record type’s long texts and the texts inside its answers and status notes', () => {
    expect(typedFields('task')).toEqual(['evidence']);
    expect(typedFields('formResponse')).toEqual(['answers']);
    expect(typedFields('pair')).toEqual(['endReason', 'history']);
    expect(typedFields('nothing')).toEqual([]);
    expect(typedTexts('task', 'evidence', 'Сделала')).toEqual([{ field: 'evidence', text: 'Сделала' }]);
    expect(typedTexts('task', 'evidence', '   ')).toEqual([]);
    expect(typedTexts('task', 'title', 'Не длинный текст')).toEqual([]);
    expect(typedTexts('formResponse', 'answers', { goals: 'Научиться', score: 7, pick: ['a'] })).toEqual([
      { field: 'answers.goals', text: 'Научиться' },
    ]);
    expect(
      typedTexts('pair', 'history', [
        { date: '2026-11-01', status: 'active', note: null },
        { date: '2026-11-20', status: 'paused', note: 'Болеет' },
      ]),
    ).toEqual([{ field: 'history.1', text: 'Болеет' }]);
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
  });
});
