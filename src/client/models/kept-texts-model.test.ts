import { describe, expect, it } from 'vitest';
import { SEEN_NOTHING } from '../../domain/sync-cursor';
import type { Repository } from '../db/repository';
import { isTopLevelText, putBack } from './kept-texts-model';

describe('a kept text that can go back into its record', () => {
  it('is a top-level text a user types into; a text inside a structure is copied by hand', () => {
    expect(isTopLevelText('task', 'title')).toBe(true);
    expect(isTopLevelText('meeting', 'privateNotes')).toBe(true);
    expect(isTopLevelText('formResponse', 'answers.q1')).toBe(false);
    expect(isTopLevelText('pair', 'history.2026-11-12')).toBe(false);
    expect(isTopLevelText('meeting', 'nextSteps.s1')).toBe(false);
    expect(isTopLevelText('task', 'status')).toBe(false);
    expect(isTopLevelText('nothing', 'title')).toBe(false);
  });

  it('goes back as written from a view of nothing: the text it replaces, never shown, is kept for its author', async () => {
    const calls: unknown[][] = [];
    const repo = {
      update: async (...args: unknown[]) => {
        calls.push(args);
        return { ok: true };
      },
    } as unknown as Repository;
    const copy = {
      id: 'c1',
      type: 'conflict',
      fields: { recordId: 't1', recordType: 'task', field: 'title', text: 'Мой текст', authorId: 'p1' },
      stamps: {},
    } as never;
    await putBack(repo, copy);
    expect(calls).toEqual([
      ['task', 't1', { title: 'Мой текст' }, { seen: { values: {}, cursor: SEEN_NOTHING } }],
    ]);
  });
});
