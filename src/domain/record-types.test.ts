import * as v from 'valibot';
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

describe('texts people type', () => {
  it('are every text field of a record people write, short or long: a losing edit is kept', () => {
    // formStats, schoolSummary and conflict copies are written by the server alone.
    const byServer = new Set(['formStats', 'schoolSummary', 'conflict']);
    // Chosen from a list or a code, not typed; a link is pasted.
    const notTyped = new Set(['material.url', 'formTemplate.builtIn', 'pair.form', 'programme.schoolYear']);
    for (const type of Object.keys(RECORD_TYPES) as RecordType[]) {
      if (byServer.has(type)) continue;
      const spec: TypeSpec = RECORD_TYPES[type];
      // A text field takes any short text (a list, an id, a date or a choice does not).
      const fields = spec.fields as Record<string, v.GenericSchema>;
      const typed = Object.keys(fields).filter(
        (f) => v.safeParse(fields[f] as v.GenericSchema, 'Абв').success && !notTyped.has(`${type}.${f}`),
      );
      expect([...(spec.typedText ?? [])].sort(), type).toEqual(typed.sort());
    }
    expect(RECORD_TYPES.task.typedText).toEqual(expect.arrayContaining(['title', 'evidence']));
    expect(RECORD_TYPES.goal.typedText).toEqual(expect.arrayContaining(['title', 'area', 'description']));
  });
});
