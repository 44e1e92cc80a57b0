import { describe, expect, it } from 'vitest';
import { isTopLevelText } from './kept-texts-model';

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
});
