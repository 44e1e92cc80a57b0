import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc';
import { isGoalOverdue, isOverdue, progressOf } from './idp';
import { isMeetingOverdue, isPairRunning, nextStep, pairBeganOn, seriesProgress } from './nudges';
import type { FieldsByType } from './record-types';
import { queryWords, wordsOf } from './search-text';

const facts = (kinds: string[], extra: Partial<Parameters<typeof nextStep>[0]> = {}) => ({
  status: 'active' as string | undefined,
  kindsHeld: new Set(kinds),
  lastMeetingDate: '2026-11-20',
  overdueTasks: 0,
  hasPlan: true,
  ...extra,
});

describe('the next step of a pair', () => {
  it('walks the meeting series first', () => {
    expect(nextStep(facts([]), '2026-11-25')).toEqual({ key: 'meeting', kind: 'organisational' });
    expect(nextStep(facts(['organisational', 'trial']), '2026-11-25')).toEqual({
      key: 'meeting',
      kind: 'planning',
    });
  });

  it('puts overdue tasks before anything else', () => {
    expect(nextStep(facts([], { overdueTasks: 2 }), '2026-11-25')).toEqual({ key: 'overdue', count: 2 });
  });

  it('asks for an IDP after planning, then flags gaps of more than 14 days', () => {
    const all = ['organisational', 'trial', 'planning', 'regular'];
    expect(nextStep(facts(all, { hasPlan: false }), '2026-11-25')).toEqual({ key: 'plan' });
    expect(nextStep(facts(all, { lastMeetingDate: '2026-11-11' }), '2026-11-25')).toEqual({ key: 'none' });
    expect(nextStep(facts(all, { lastMeetingDate: '2026-11-10' }), '2026-11-25')).toEqual({
      key: 'gap',
      days: 15,
    });
  });

  it('asks nothing of a pair that has ended: no meeting, no plan, no overdue tasks, no gap', () => {
    for (const status of ['ended', 'finished'] as const) {
      expect(nextStep(facts(['organisational'], { status }), '2026-11-25')).toEqual({
        key: 'closed',
        status,
      });
      expect(nextStep(facts([], { status, overdueTasks: 3, hasPlan: false }), '2026-11-25')).toEqual({
        key: 'closed',
        status,
      });
      expect(nextStep(facts([], { status, lastMeetingDate: '2026-01-01' }), '2026-11-25').key).toBe('closed');
    }
  });

  it('prompts a pair that is proposed, approved, at work, or has no status yet', () => {
    for (const status of ['proposed', 'approved', 'active', undefined]) {
      expect(isPairRunning(status)).toBe(true);
      expect(nextStep(facts(['organisational'], { status }), '2026-11-25')).toEqual({
        key: 'meeting',
        kind: 'trial',
      });
    }
    expect(isPairRunning('ended')).toBe(false);
    expect(isPairRunning('finished')).toBe(false);
  });

  it('counts the series and the plan', () => {
    expect(seriesProgress(new Set(['organisational', 'regular', 'regular']))).toEqual({ held: 2, total: 5 });
    expect(
      progressOf([
        { status: 'done', due: null },
        { status: 'todo', due: null },
        { status: 'doing', due: null },
      ]),
    ).toEqual({ done: 1, total: 3, percent: 33 });
    expect(isOverdue({ status: 'todo', due: '2026-11-24' }, '2026-11-25')).toBe(true);
    expect(isOverdue({ status: 'todo', due: '2026-11-25' }, '2026-11-25')).toBe(false);
    expect(isOverdue({ status: 'done', due: '2026-11-01' }, '2026-11-25')).toBe(false);
  });

  it('marks a goal past its target date until all its tasks are done (a date in 2020 went unmarked)', () => {
    const half = { done: 1, total: 2, percent: 50 };
    const all = { done: 2, total: 2, percent: 100 };
    const none = { done: 0, total: 0, percent: 0 };
    expect(isGoalOverdue('2020-05-01', half, '2026-11-25')).toBe(true);
    expect(isGoalOverdue('2020-05-01', none, '2026-11-25')).toBe(true);
    expect(isGoalOverdue('2020-05-01', all, '2026-11-25')).toBe(false);
    expect(isGoalOverdue('2026-11-25', half, '2026-11-25')).toBe(false);
    expect(isGoalOverdue(null, half, '2026-11-25')).toBe(false);
  });
});

describe('a pair without meetings', () => {
  const created = (iso: string) => formatHlc({ ms: Date.parse(iso), counter: 0, node: 'dev' });
  const pair = (fields: Partial<FieldsByType['pair']>, createdAt = '2026-11-25T09:00:00.000Z') => ({
    fields: { status: 'active' as const, ...fields },
    stamps: { mentorId: created(createdAt) },
  });

  it('begins on its start date, else on its first status, else on the day it was created', () => {
    const history = [{ date: '2026-09-20', status: 'proposed' as const, note: null }];
    expect(pairBeganOn(pair({ startDate: '2026-10-01', history }))).toBe('2026-10-01');
    expect(pairBeganOn(pair({ startDate: null, history }))).toBe('2026-09-20');
    expect(pairBeganOn(pair({}, '2026-11-03T10:00:00.000Z'))).toBe('2026-11-03');
    expect(pairBeganOn({ fields: {}, stamps: {} })).toBeNull();
  });

  it('is overdue only after 14 days from its start or last meeting, never minutes after it was formed', () => {
    expect(isMeetingOverdue(pair({}), false, '2026-11-25')).toBe(false);
    expect(isMeetingOverdue(pair({ startDate: '2026-11-11' }), false, '2026-11-25')).toBe(false);
    expect(isMeetingOverdue(pair({ startDate: '2026-11-10' }), false, '2026-11-25')).toBe(true);
    expect(isMeetingOverdue(pair({ startDate: '2026-09-01' }), true, '2026-11-25')).toBe(false);
    for (const status of ['proposed', 'finished', 'ended'] as const)
      expect(isMeetingOverdue(pair({ status, startDate: '2026-09-01' }), false, '2026-11-25')).toBe(false);
  });
});

describe('search words', () => {
  it('lowercases, folds ё and skips ids of next steps', () => {
    expect(
      wordsOf(['Ещё раз: ЁЛКА и ёж', [{ id: 'abc123', text: 'Решить вариант', taskId: null }]]).sort(),
    ).toEqual(['вариант', 'еж', 'елка', 'еще', 'раз', 'решить'].sort());
    expect(queryWords('  Ёлка  вар')).toEqual(['елка', 'вар']);
  });
});
