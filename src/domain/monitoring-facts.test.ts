import { describe, expect, it } from 'vitest';
import { schoolFigures } from './district-summary';
import { dashboardOf, monitoringFacts, type SchoolRecords } from './monitoring-facts';
import type { SyncedRecord } from './record';
import { PROGRAMME_ID } from './record-type-names';
import type { FieldsByType, RecordType } from './record-types';

const rec = <T extends RecordType>(type: T, id: string, fields: Partial<FieldsByType[T]>) =>
  ({ id, type, fields, stamps: {} }) as SyncedRecord<T>;

const TODAY = '2026-11-29';

function school(extra: Partial<SchoolRecords> = {}): SchoolRecords {
  return {
    people: [
      rec('person', 'm1', { fullName: 'Анна', kind: 'teacher' }),
      rec('person', 's1', { fullName: 'Петя', kind: 'student', classOrSubject: '7А' }),
      rec('person', 's2', { fullName: 'Вася', kind: 'student', classOrSubject: '7Б' }),
    ],
    pairs: [
      rec('pair', 'p1', { mentorId: 'm1', menteeIds: ['s1'], form: 'учитель–ученик', status: 'active' }),
      rec('pair', 'p2', { mentorId: 'm1', menteeIds: ['s2'], form: 'учитель–ученик', status: 'ended' }),
    ],
    meetings: [
      rec('meeting', 'a', { pairId: 'p1', date: '2026-11-01', kind: 'organisational', status: 'held' }),
      rec('meeting', 'b', { pairId: 'p1', date: '2026-11-10', kind: 'trial' }),
      rec('meeting', 'c', { pairId: 'p1', date: '2026-11-20', kind: 'planning', status: 'cancelled' }),
      rec('meeting', 'd', { pairId: 'p1', date: '2026-12-05', kind: 'regular', status: 'held' }),
    ],
    plans: [rec('plan', 'plan1', { pairId: 'p1', menteeId: 's1', title: 'ИПР' })],
    tasks: [
      rec('task', 't1', { planId: 'plan1', title: 'a', status: 'done', due: '2026-11-01' }),
      rec('task', 't2', { planId: 'plan1', title: 'b', status: 'todo', due: '2026-11-28T10:00:00Z' }),
      rec('task', 't3', { planId: 'plan1', title: 'c', status: 'todo', due: TODAY }),
    ],
    templates: [rec('formTemplate', 'fin', { kind: 'final-mentee', title: 'Итог', questions: [] })],
    assignments: ['s1', 's2', 'm1'].map((p, i) =>
      rec('formAssignment', `as${i}`, { templateId: 'fin', personId: p, pairId: 'p1', due: null }),
    ),
    // The final form measures satisfaction by «how far expectations were met»; other scales do not count.
    responses: [8, 6, 7].map((expectations, i) =>
      rec('formResponse', `r${i}`, {
        assignmentId: `as${i}`,
        answers: { expectations, comfort: 1 },
        submittedAt: '2026-11-20T10:00:00Z',
      }),
    ),
    consents: [],
    programme: rec('programme', PROGRAMME_ID, {
      schoolYear: '2026-2027',
      studentsTotal: 10,
      teachersTotal: 2,
      targetShare: 70,
      stages: [{ key: '3', deadline: null, responsible: null, done: true }],
    }),
    ...extra,
  };
}

describe('monitoring facts of a school', () => {
  it('counts only meetings that took place by today, and tasks overdue by their due day', () => {
    const m = monitoringFacts(school(), TODAY);
    const p1 = m.pairs.find((p) => p.id === 'p1');
    expect(p1).toMatchObject({
      meetings: 2,
      lastMeeting: '2026-11-10',
      tasksDone: 1,
      tasksTotal: 3,
      overdueTasks: 1,
    });
    expect([...(p1?.kinds ?? [])].sort()).toEqual(['organisational', 'trial']);
    expect(m.meetingDates.sort()).toEqual(['2026-11-01', '2026-11-10']);
  });

  it('computes the dashboard: working pairs, coverage of the roster against the target', () => {
    const d = dashboardOf(monitoringFacts(school(), TODAY), TODAY);
    expect(d).toMatchObject({ pairs: 2, workingPairs: 1, meetings: 2 });
    // The ended pair no longer counts: one student and one teacher of 10 + 2.
    expect(d.coverage).toMatchObject({
      studentsIn: 1,
      teachersIn: 1,
      students: 10,
      teachers: 50,
      all: 17,
      target: 70,
    });
  });
});

describe("a school's figures for the district", () => {
  it('has counts, the final satisfaction from three responses, and the stages done', () => {
    const f = schoolFigures(monitoringFacts(school(), TODAY), TODAY);
    expect(f).toMatchObject({
      schoolYear: '2026-2027',
      pairs: 2,
      workingPairs: 1,
      meetings: 2,
      coverageAll: 17,
      stagesTotal: 6,
      satisfactionMentees: 7,
    });
    // Stage 3 was ticked by hand; stage 6 is complete in the data (every final questionnaire came back).
    expect(f.stagesDone).toBe(2);
  });

  it('reads satisfaction on its form’s own scale: a copy running from 0 counts its 0, and nothing past it', () => {
    const zeroToTen = rec('formTemplate', 'fin', {
      kind: 'final-mentee',
      title: 'Итог (копия)',
      questions: [{ id: 'expectations', kind: 'scale', text: 'Ожидания', min: 0, max: 10 }],
    });
    const answers = [0, 6, 9, 1e308];
    const responses = answers.map((expectations, i) =>
      rec('formResponse', `r${i}`, {
        assignmentId: `as${i % 3}`,
        answers: { expectations },
        submittedAt: `2026-11-2${i}T10:00:00Z`,
      }),
    );
    const f = schoolFigures(monitoringFacts(school({ templates: [zeroToTen], responses }), TODAY), TODAY);
    expect(f.satisfactionMentees).toBe(5);
  });

  it('withholds an average of fewer than three responses', () => {
    const f = schoolFigures(
      monitoringFacts(school({ responses: school().responses.slice(0, 2) }), TODAY),
      TODAY,
    );
    expect(f.satisfactionMentees).toBeNull();
  });

  it('moves satisfaction only in whole cohorts of three, so no single answer can be worked out', () => {
    const people = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const assignments = people.map((p) =>
      rec('formAssignment', `as-${p}`, { templateId: 'fin', personId: p, pairId: 'p1', due: null }),
    );
    const answered = (answers: Record<string, number>) =>
      Object.entries(answers).map(([p, expectations]) =>
        rec('formResponse', `r-${p}`, {
          assignmentId: `as-${p}`,
          answers: { expectations },
          submittedAt: '2026-11-20T10:00:00Z',
        }),
      );
    let basis: unknown;
    const figure = (answers: Record<string, number>) => {
      const m = monitoringFacts(school({ assignments, responses: answered(answers) }), TODAY);
      const f = schoolFigures(m, TODAY, basis);
      basis = f.satisfactionBasis;
      return f.satisfactionMentees;
    };
    expect(figure({ a: 9, b: 8, c: 10 })).toBe(9);
    // A fourth and a fifth answer leave it as it was (9 and 7.25 would give the fourth's 2 away).
    expect(figure({ a: 9, b: 8, c: 10, d: 2 })).toBe(9);
    expect(figure({ a: 9, b: 8, c: 10, d: 2, e: 5 })).toBe(9);
    expect(figure({ a: 9, b: 8, c: 10, d: 2, e: 5, f: 8 })).toBe(7);
    // An answer changed (a curator reopened it) or gone keeps the figure: the new set lacks the old one's.
    expect(figure({ a: 1, b: 8, c: 10, d: 2, e: 5, f: 8, g: 4 })).toBe(7);
    expect(figure({ b: 8, c: 10, d: 2, e: 5, f: 8 })).toBe(7);
    // Below three answers there is no figure at all.
    expect(figure({ b: 8, c: 10 })).toBeNull();
  });

  it('counts each pupil once, by their latest answer: three answers of one pupil are no figure', () => {
    const assignments = ['t1', 't2', 't3'].map((term) =>
      rec('formAssignment', `as-${term}`, { templateId: 'fin', personId: 's1', pairId: 'p1', due: null }),
    );
    const responses = assignments.map((a, i) =>
      rec('formResponse', `r-${a.id}`, {
        assignmentId: a.id,
        answers: { expectations: 2 + i },
        submittedAt: `2026-1${i}-20T10:00:00Z`,
      }),
    );
    const m = monitoringFacts(school({ assignments, responses }), TODAY);
    expect(m.satisfaction.finalMentee.latest).toEqual([{ personId: 's1', answer: 4 }]);
    expect(schoolFigures(m, TODAY).satisfactionMentees).toBeNull();
  });

  it('keeps no entry that matches one pupil across two questionnaires', () => {
    const interim = rec('formTemplate', 'int', { kind: 'interim', title: 'Промежуточная', questions: [] });
    const pupils = ['a', 'b', 'c'];
    const assignments = pupils.flatMap((p) =>
      ['fin', 'int'].map((t) =>
        rec('formAssignment', `as-${t}-${p}`, { templateId: t, personId: p, pairId: 'p1', due: null }),
      ),
    );
    const responses = assignments.map((a) =>
      rec('formResponse', `r-${a.id}`, {
        assignmentId: a.id,
        answers: { expectations: 7, satisfaction: 7 },
        submittedAt: '2026-11-20T10:00:00Z',
      }),
    );
    const m = monitoringFacts(
      school({ templates: [...school().templates, interim], assignments, responses }),
      TODAY,
    );
    const basis = schoolFigures(m, TODAY).satisfactionBasis as Record<string, { from: string[] }>;
    expect(basis.finalMentee?.from).toHaveLength(3);
    expect(basis.interimMentee?.from).toHaveLength(3);
    expect(basis.finalMentee?.from.filter((k) => basis.interimMentee?.from.includes(k))).toEqual([]);
  });
});
