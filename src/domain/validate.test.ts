import { describe, expect, it } from 'vitest';
import type { Change } from './record';
import { changedParent, missingRequired, validateChange } from './validate';

const S = '2026-11-25T10:15:30.123Z_0001_d';
const ID = '0193a3f0-0000-7000-8000-000000000001';
const make = (type: string, fields: Record<string, unknown>): Change => ({
  id: ID,
  type,
  fields,
  stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, S])),
});

describe('validateChange', () => {
  it('accepts a well-formed meeting', () => {
    expect(
      validateChange(
        make('meeting', { pairId: ID, date: '2026-11-25', kind: 'trial', durationMin: 45, notes: '' }),
      ).ok,
    ).toBe(true);
  });

  it('accepts a day or a full date-time where the contract leaves the format open', () => {
    for (const date of [
      '2026-09-01',
      '2026-09-01T00:00:00Z',
      '2026-09-01T09:30:00.000+03:00',
      '2026-09-01T09:30+14:00',
    ]) {
      expect(validateChange(make('consent', { date })).ok, date).toBe(true);
      expect(validateChange(make('task', { due: date })).ok, date).toBe(true);
    }
    expect(validateChange(make('meeting', { date: '2026-09-01T00:00:00Z' })).ok).toBe(false);
    expect(
      validateChange(make('formTemplate', { questions: ['Как дела?', { id: 'q1', kind: 'scale' }] })).ok,
    ).toBe(true);
  });

  it.each([
    ['meeting', { date: '2026-02-30' }, /date.*real calendar date/],
    ['meeting', { date: '25.11.2026' }, /date.*YYYY-MM-DD/],
    ['meeting', { kind: 'party' }, /kind.*organisational, trial/],
    ['meeting', { durationMin: 12.5 }, /durationMin.*whole number/],
    ['meeting', { durationMin: 5000 }, /durationMin.*0 to 1440/],
    ['meeting', { startTime: '25:00' }, /startTime.*HH:MM/],
    ['pair', { menteeIds: [] }, /menteeIds.*at least one/],
    ['pair', { menteeIds: [ID, ID] }, /listed twice/],
    ['person', { fullName: '   ' }, /fullName.*empty/],
    ['person', { kind: 'alien' }, /kind.*student, teacher, other/],
    ['person', { nickname: 'x' }, /unknown field 'nickname'/],
    ['diary', { text: 'x' }, /unknown record type 'diary'/],
    ['formResponse', { submittedAt: 'yesterday' }, /submittedAt.*ISO 8601/],
    // Days and hours that do not exist, which Date.parse rolls over into others.
    ['formResponse', { submittedAt: '2026-02-30T10:00:00Z' }, /submittedAt.*ISO 8601/],
    ['formResponse', { submittedAt: '2026-02-29T12:00:00+03:00' }, /submittedAt.*ISO 8601/],
    ['consent', { date: '2026-04-31T00:00Z' }, /date/],
    ['task', { due: '2026-02-28T24:00:00Z' }, /due/],
    ['formAssignment', { due: '2026-03-01T10:61:00Z' }, /due/],
    ['formResponse', { submittedAt: '2026-03-01T10:00:00+25:00' }, /submittedAt.*ISO 8601/],
    ['formResponse', { submittedAt: '2026-03-01T10:00:00+14:30' }, /submittedAt.*ISO 8601/],
    ['task', { due: 5 }, /due/],
  ])('%s %j is refused with a reason naming the field', (type, fields, reason) => {
    const r = validateChange(make(type, fields));
    expect(r.ok).toBe(false);
    expect((r as { reason: string }).reason).toMatch(reason);
  });
});

describe('required fields and fixed references', () => {
  it('names every missing required field of a live record', () => {
    expect(missingRequired({ id: ID, type: 'meeting', fields: { pairId: ID }, stamps: { pairId: S } })).toBe(
      'missing required fields: date, kind, durationMin, notes',
    );
    expect(missingRequired({ id: ID, type: 'meeting', fields: {}, stamps: {}, deleted: S })).toBeNull();
  });

  it('a reference cannot be moved once set', () => {
    const existing = { id: ID, type: 'meeting', fields: { pairId: ID }, stamps: { pairId: S } };
    expect(
      changedParent(existing, make('meeting', { pairId: '0193a3f0-0000-7000-8000-000000000002' })),
    ).toMatch(/pairId/);
    expect(changedParent(existing, make('meeting', { pairId: ID }))).toBeNull();
  });
});
