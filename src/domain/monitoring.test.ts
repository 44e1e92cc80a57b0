import { describe, expect, it } from 'vitest';
import { dashboard, impact, type PairFacts } from './monitoring';
import { defaultDeadline, ROADMAP_STAGES, type RoadmapFacts, stageProgress } from './roadmap';
import { schoolYearOf } from './school-year';

const pair = (id: string, extra: Partial<PairFacts> = {}): PairFacts => ({
  id,
  form: 'ученик–ученик',
  status: 'active',
  mentorId: `m-${id}`,
  menteeIds: [`k-${id}`],
  classes: ['7Б'],
  meetings: 4,
  lastMeeting: '2026-11-20',
  began: '2026-09-15',
  kinds: new Set(['organisational', 'trial']),
  tasksDone: 1,
  tasksTotal: 4,
  overdueTasks: 0,
  satisfaction: 8,
  ...extra,
});

describe('dashboard', () => {
  const people = [
    { id: 'm-a', kind: 'teacher', classOrSubject: 'Физика' },
    { id: 'k-a', kind: 'student', classOrSubject: '7Б' },
    { id: 'm-b', kind: 'student', classOrSubject: '10А' },
    { id: 'k-b', kind: 'student', classOrSubject: '5В' },
  ];
  const pairs = [
    pair('a', { form: 'учитель–ученик' }),
    pair('b', {
      classes: ['5В'],
      lastMeeting: '2026-10-01',
      overdueTasks: 2,
      satisfaction: 3,
      kinds: new Set(['organisational']),
    }),
    pair('c', { status: 'ended', menteeIds: ['k-c'], mentorId: 'm-c', meetings: 1 }),
    pair('d', { lastMeeting: null, meetings: 0, kinds: new Set() }),
    // Formed a week ago: not at risk for having had no meeting yet.
    pair('e', { lastMeeting: null, meetings: 0, kinds: new Set(), began: '2026-11-18' }),
  ];
  const roster = { studentsTotal: 10, teachersTotal: 4, targetShare: 70 };

  it('counts pairs, meetings, the series, IDP completion and coverage of the roster', () => {
    const d = dashboard(pairs, people, roster, '2026-11-25', { form: null, className: null }, [
      '2026-10-01',
      '2026-11-20',
      '2026-11-21',
    ]);
    expect(d).toMatchObject({
      pairs: 5,
      workingPairs: 4,
      meetings: 9,
      meetingsPerPair: 1.8,
      idpCompletion: 25,
    });
    expect(d.series).toMatchObject({ organisational: 50, trial: 25, final: 0 });
    expect(d.coverage).toMatchObject({
      studentsIn: 3,
      teachersIn: 1,
      students: 30,
      teachers: 25,
      all: 29,
      target: 70,
    });
    expect(d.meetingsByMonth).toEqual([
      { month: '2026-10', count: 1 },
      { month: '2026-11', count: 2 },
    ]);
  });

  it('flags pairs at risk with their reasons', () => {
    const d = dashboard(pairs, people, roster, '2026-11-25', { form: null, className: null }, []);
    expect(d.atRisk).toEqual([
      { pairId: 'b', reasons: ['gap', 'overdue', 'satisfaction'] },
      { pairId: 'd', reasons: ['never-met'] },
    ]);
  });

  it('filters by form of mentoring and by class', () => {
    expect(
      dashboard(pairs, people, roster, '2026-11-25', { form: 'учитель–ученик', className: null }, []).pairs,
    ).toBe(1);
    expect(dashboard(pairs, people, roster, '2026-11-25', { form: null, className: '5В' }, []).pairs).toBe(1);
    // However the class was typed: «5 в», or with a Latin «B».
    expect(dashboard(pairs, people, roster, '2026-11-25', { form: null, className: '5 в' }, []).pairs).toBe(
      1,
    );
    expect(dashboard(pairs, people, roster, '2026-11-25', { form: null, className: '5B' }, []).pairs).toBe(1);
  });

  it('sums up the impact: goals reached and progress before and after', () => {
    expect(
      impact(
        [
          { goalsReached: 'Да', progress: 9 },
          { goalsReached: 'Частично', progress: 6 },
        ],
        [{ progress: 4 }, { progress: 5 }],
      ),
    ).toEqual({
      goals: { Да: 1, 'В основном': 0, Частично: 1, Нет: 0 },
      before: 4.5,
      after: 7.5,
    });
  });
});

describe('roadmap', () => {
  it('places deadlines in the school year', () => {
    expect(schoolYearOf('2026-11-25')).toBe('2026-2027');
    expect(schoolYearOf('2027-03-01')).toBe('2026-2027');
    expect(ROADMAP_STAGES.map((s) => defaultDeadline(s, '2026-2027'))).toEqual([
      '2026-09-30',
      '2026-09-30',
      '2026-09-30',
      '2026-10-31',
      '2027-05-31',
      '2027-03-31',
    ]);
  });

  it('takes progress from the data', () => {
    const facts: RoadmapFacts = {
      menteeBase: 20,
      menteesReady: 15,
      mentorBase: 10,
      mentorsReady: 10,
      mentorsTrained: 5,
      menteesPaired: 10,
      pairedWithPlan: 5,
      workingPairs: 10,
      pairsHeld: { organisational: 10, trial: 8, planning: 6, regular: 4, final: 0 },
      finalAssigned: 0,
      finalSent: 0,
    };
    expect(stageProgress('1', facts).percent).toBe(75);
    expect(stageProgress('4', facts).percent).toBe(50);
    expect(stageProgress('5', facts).percent).toBe(56);
    expect(stageProgress('6', facts).percent).toBeNull();
  });

  it('reads a stage done only when every measure is, and begun as soon as one is', () => {
    const facts: RoadmapFacts = {
      menteeBase: 640,
      menteesReady: 2,
      mentorBase: 40,
      mentorsReady: 40,
      mentorsTrained: 40,
      menteesPaired: 200,
      pairedWithPlan: 199,
      workingPairs: 100,
      pairsHeld: { organisational: 100, trial: 100, planning: 100, regular: 100, final: 99 },
      finalAssigned: 100,
      finalSent: 1,
    };
    expect(stageProgress('1', facts).percent).toBe(1);
    expect(stageProgress('2', facts).percent).toBe(100);
    // 200 of 640 paired (31 %), 199 of them with an IDP (99 %).
    expect(stageProgress('4', facts).percent).toBe(65);
    // Four kinds held by every pair, the final one by 99 of 100: the mean 99.8 is not «100 %».
    expect(stageProgress('5', facts).percent).toBe(99);
    expect(stageProgress('6', facts).percent).toBe(1);
  });
});
