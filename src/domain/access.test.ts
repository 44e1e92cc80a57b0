import { describe, expect, it } from 'vitest';
import {
  checkSent,
  checkWrite,
  grantsFor,
  pairConsentProblem,
  readKeys,
  redactFor,
  type ScopeFacts,
  type Viewer,
} from './access';
import { jsonEqual } from './canonical-json';
import type { SyncedRecord } from './record';

const S = '2026-11-25T10:15:30.123Z_0001_d';
const rec = (type: string, id: string, fields: Record<string, unknown>): SyncedRecord => ({
  id,
  type,
  fields,
  stamps: Object.fromEntries(Object.keys(fields).map((k) => [k, S])),
});

const mentor: Viewer = { personId: 'mentor', isCurator: false };
const mentee: Viewer = { personId: 'kid', isCurator: false };
const facts: ScopeFacts = {
  pairs: [{ id: 'p1', mentorId: 'mentor', menteeIds: ['kid', 'kid2'] }],
  plans: [
    { id: 'plan-kid', pairId: 'p1', menteeId: 'kid' },
    { id: 'plan-kid2', pairId: 'p1', menteeId: 'kid2' },
  ],
  people: [
    { id: 'mentor', isMinor: false, hasConsent: false },
    { id: 'kid', isMinor: true, hasConsent: true },
    { id: 'kid2', isMinor: true, hasConsent: false },
  ],
  mentorVisibleTemplateIds: ['open-form'],
};

describe('grants', () => {
  it('a mentor holds their pair, and the plans, people, forms and answers of mentees with consent', () => {
    const g = grantsFor(mentor, facts);
    expect(g.has('pair:p1') && g.has('pair-mentor:p1') && g.has('plan:plan-kid')).toBe(true);
    // No grant by the name assignments were kept under before they were keyed per mentee.
    expect([...g].filter((grant) => grant.startsWith('mentor:'))).toEqual([]);
    expect(g.has('person:kid') && g.has('assigned:p1:kid') && g.has('response:open-form:p1:kid')).toBe(true);
    // A minor without their parents' consent: nothing of theirs — person, IDP, forms given, answers.
    expect(
      g.has('person:kid2') ||
        g.has('plan:plan-kid2') ||
        g.has('assigned:p1:kid2') ||
        g.has('response:open-form:p1:kid2'),
    ).toBe(false);
    const consented = { ...facts, people: facts.people.map((p) => ({ ...p, hasConsent: true })) };
    expect(grantsFor(mentor, consented).has('response:open-form:p1:kid2')).toBe(true);
  });

  it('a mentee who left the group takes their IDP, forms and answers along, consent or not', () => {
    const left: ScopeFacts = {
      ...facts,
      pairs: [{ id: 'p1', mentorId: 'mentor', menteeIds: ['kid2'] }],
      people: facts.people.map((p) => ({ ...p, hasConsent: true })),
    };
    const g = grantsFor(mentor, left);
    expect(g.has('plan:plan-kid2') && g.has('response:open-form:p1:kid2')).toBe(true);
    expect([...g].filter((grant) => grant.includes('kid') && !grant.includes('kid2'))).toEqual([]);
  });

  it('a pair whose only mentee is a minor without consent (never given, or withdrawn) does not reach the mentor', () => {
    const alone: ScopeFacts = {
      ...facts,
      pairs: [{ id: 'p2', mentorId: 'mentor', menteeIds: ['kid2'] }],
      plans: [{ id: 'plan-kid2', pairId: 'p2', menteeId: 'kid2' }],
    };
    expect([...grantsFor(mentor, alone)].filter((g) => g.includes('p2') || g.includes('kid2'))).toEqual([]);
    const consented = { ...alone, people: alone.people.map((p) => ({ ...p, hasConsent: true })) };
    expect(grantsFor(mentor, consented).has('pair:p2')).toBe(true);
  });

  it('a mentee of whom nothing is known (their record deleted) counts as a minor without consent', () => {
    const deleted = { ...facts, people: facts.people.filter((p) => p.id !== 'kid') };
    const g = grantsFor(mentor, deleted);
    expect([...g].filter((grant) => grant.endsWith(':kid') || grant === 'plan:plan-kid')).toEqual([]);
  });

  it('a minor without consent holds nothing of the pair on their own device, mentor or mentee', () => {
    for (const me of ['kid2', 'mentor']) {
      const facts2: ScopeFacts = {
        ...facts,
        pairs: [{ id: 'p9', mentorId: 'mentor', menteeIds: ['kid2'] }],
        people: facts.people.map((p) => (p.id === 'mentor' ? { ...p, isMinor: true } : p)),
      };
      expect([...grantsFor({ personId: me, isCurator: false }, facts2)].sort()).toEqual([
        'materials',
        'templates',
      ]);
    }
  });

  it('a mentee holds their pair and their own plan only', () => {
    const g = grantsFor(mentee, facts);
    expect(g.has('pair:p1') && g.has('plan:plan-kid') && g.has('person:mentor')).toBe(true);
    expect(g.has('plan:plan-kid2') || g.has('pair-mentor:p1') || g.has('person:kid2')).toBe(false);
  });

  it('a response is readable by its respondent and, only when allowed, by the pair’s mentor', () => {
    const response = rec('formResponse', 'r1', { assignmentId: 'a1' });
    expect(readKeys(response, { personId: 'kid', pairId: 'p1', templateId: 'closed-form' })).toEqual([
      'assignee:kid',
      'response:closed-form:p1:kid',
    ]);
    expect(grantsFor(mentor, facts).has('response:closed-form:p1:kid')).toBe(false);
  });
});

describe('redaction', () => {
  it('private notes reach only the pair’s mentor', () => {
    const meeting = rec('meeting', 'm1', { pairId: 'p1', notes: 'общие', privateNotes: 'личные' });
    expect(redactFor(meeting, mentee, grantsFor(mentee, facts)).fields).not.toHaveProperty('privateNotes');
    expect(redactFor(meeting, mentor, grantsFor(mentor, facts)).fields.privateNotes).toBe('личные');
  });
});

describe('write rules', () => {
  const task = rec('task', 't1', { planId: 'plan-kid', title: 'x', status: 'todo', due: null });
  const ctx = { plan: facts.plans[0], pair: facts.pairs[0] };
  it('a mentee may change the status of their own task only', () => {
    expect(checkWrite(mentee, rec('task', 't1', { status: 'done' }), task, ctx)).toBeNull();
    expect(checkWrite(mentee, rec('task', 't1', { title: 'y' }), task, ctx)?.code).toBe('forbidden');
    expect(
      checkWrite({ personId: 'kid2', isCurator: false }, rec('task', 't1', { status: 'done' }), task, ctx)
        ?.code,
    ).toBe('forbidden');
  });

  it('a sent response accepts the very same values again, nothing else', () => {
    const sent = rec('formResponse', 'r1', {
      assignmentId: 'a1',
      answers: { q: 1 },
      submittedAt: '2026-11-25T10:00:00Z',
    });
    expect(checkSent(mentee, rec('formResponse', 'r1', { answers: { q: 1 } }), sent, jsonEqual)).toBe(
      'no-op',
    );
    expect(
      checkSent(mentee, rec('formResponse', 'r1', { answers: { q: 2 } }), sent, jsonEqual),
    ).toMatchObject({ code: 'sent' });
    expect(
      checkSent(
        { personId: 'c', isCurator: true },
        rec('formResponse', 'r1', { submittedAt: null }),
        sent,
        jsonEqual,
      ),
    ).toBe('ok');
  });

  it('a pair naming a minor without consent is refused', () => {
    const people = new Map(facts.people.map((p) => [p.id, p]));
    const pair = (menteeIds: string[]): SyncedRecord<'pair'> => ({
      id: 'p2',
      type: 'pair',
      fields: { mentorId: 'mentor', menteeIds },
      stamps: {},
    });
    expect(pairConsentProblem(pair(['kid']), people)).toBeNull();
    expect(pairConsentProblem(pair(['kid2']), people)).toMatch(/minor/);
  });
});
