import { describe, expect, it } from 'vitest';
import { maxTextLength, RECORD_TYPES, type RecordType, type TypeSpec } from './record-types';
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

describe('texts people type at length', () => {
  it('are every text of a thousand characters or more in a record people write: a losing edit is kept', () => {
    // formStats, schoolSummary and conflict copies are written by the server alone.
    const byServer = new Set(['formStats', 'schoolSummary', 'conflict']);
    // A link is pasted, not typed.
    const links = new Set(['material.url']);
    for (const type of Object.keys(RECORD_TYPES) as RecordType[]) {
      if (byServer.has(type)) continue;
      const spec: TypeSpec = RECORD_TYPES[type];
      const long = Object.keys(spec.fields).filter(
        (f) => (maxTextLength(type, f) ?? 0) >= 1000 && !links.has(`${type}.${f}`),
      );
      expect([...(spec.longText ?? [])].sort(), type).toEqual(long.sort());
    }
    expect(RECORD_TYPES.goal.longText).toContain('description');
    expect(RECORD_TYPES.task.longText).toContain('evidence');
  });
});
