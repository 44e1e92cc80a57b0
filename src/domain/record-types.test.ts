import { describe, expect, it } from 'vitest';
import { maxTextLength } from './record-types';
import { validateChange } from './validate';

describe('the longest text a field takes', () => {
  it('is read from the schema, through pipes and nullables, and is the bound a save keeps', () => {
    expect(maxTextLength('goal', 'title')).toBe(300);
    expect(maxTextLength('goal', 'description')).toBe(5000);
    expect(maxTextLength('goal', 'area')).toBe(200);
    expect(maxTextLength('material', 'description')).toBe(4000);
    expect(maxTextLength('task', 'due')).toBeUndefined();
    expect(maxTextLength('goal', 'nothing')).toBeUndefined();
    const goal = (title: string) => ({
      id: '0193a3f0-0000-7000-8000-000000000001',
      type: 'goal',
      fields: { title },
      stamps: { title: '2026-11-30T10:00:00.000Z_0000_d' },
    });
    expect(validateChange(goal('я'.repeat(300))).ok).toBe(true);
    expect(validateChange(goal('я'.repeat(301))).ok).toBe(false);
  });
});
